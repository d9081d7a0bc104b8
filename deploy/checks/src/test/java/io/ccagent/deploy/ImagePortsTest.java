package io.ccagent.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each image Jib builds declares the ports its service listens on (jib.container.ports in the module's pom). */
class ImagePortsTest {

    private static final Pattern PORTS = Pattern.compile("<jib\\.container\\.ports>([^<]+)</jib\\.container\\.ports>");

    @ParameterizedTest
    @EnumSource(Services.class)
    void imageDeclaresTheServicesPorts(Services service) {
        Matcher ports = PORTS.matcher(RepositoryFiles.read(RepositoryFiles.file(service.name + "/pom.xml")));
        assertThat(ports.find()).as("%s/pom.xml sets jib.container.ports", service.name).isTrue();
        List<String> declared = Arrays.stream(ports.group(1).split(",")).map(String::trim).toList();
        List<String> expected = service == Services.GATEWAY
                ? List.of(String.valueOf(service.port), String.valueOf(Services.GATEWAY_INTERNAL_PORT),
                        Services.SIP_PORT + "/udp", Services.SIP_PORT + "/tcp")
                : List.of(String.valueOf(service.port));
        assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);
    }
}
