package io.ccagent.local;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTenantTest {

    private final DemoTenant tenant = DemoTenant.load();

    @Test
    void hasTheDocumentedPeopleAndQueues() {
        assertThat(tenant.domain()).isEqualTo("xyzcorporation.com");
        assertThat(tenant.users()).extracting(DemoTenant.User::extension)
                .containsExactly("1001", "1100", "1002", "1003", "1004", "1005", "1006");
        assertThat(tenant.users()).filteredOn(DemoTenant.User::isAgent).allSatisfy(agent ->
                assertThat(agent.devices()).hasSizeBetween(1, 2));
        assertThat(tenant.queues()).extracting(DemoTenant.Queue::extension, DemoTenant.Queue::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("8001", "ROUND_ROBIN"),
                org.assertj.core.groups.Tuple.tuple("8002", "RING_ALL"),
                org.assertj.core.groups.Tuple.tuple("8003", "LINEAR_HUNT"));
    }

    @Test
    void everyQueueMemberIsADeviceOfThatAgent() {
        Set<String> devicesOfAgents = tenant.users().stream()
                .flatMap(user -> user.devices().stream().map(device -> user.extension() + "/" + device.name()))
                .collect(Collectors.toSet());

        assertThat(tenant.queues()).flatMap(DemoTenant.Queue::members)
                .allSatisfy(member -> assertThat(devicesOfAgents).contains(member.agent() + "/" + member.device()));
    }
}
