package io.ccagent.gateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AudioEndpointTest {

    @Test
    void audioAddressComesFromTheConnectionAndAudioMediaLines() {
        String offer = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\ns=-\r\nc=IN IP4 10.0.0.7\r\nt=0 0\r\n"
                + "m=audio 40002 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n";

        assertThat(AudioEndpoint.fromSdp(offer)).contains(new InetSocketAddress("10.0.0.7", 40002));
    }

    @Test
    void offerWithoutAudioOrWithABadPortHasNoEndpoint() {
        assertThat(AudioEndpoint.fromSdp("v=0\r\nc=IN IP4 10.0.0.7\r\nm=video 5000 RTP/AVP 96\r\n")).isEmpty();
        assertThat(AudioEndpoint.fromSdp("v=0\r\nc=IN IP4 10.0.0.7\r\nm=audio 99999 RTP/AVP 0\r\n")).isEmpty();
        assertThat(AudioEndpoint.fromSdp(null)).isEmpty();
    }

    @Test
    void answerOffersOnlyPcmuAndOnlySends() {
        String answer = AudioEndpoint.answer("192.0.2.10", 41000, 7);

        assertThat(answer).contains("c=IN IP4 192.0.2.10", "m=audio 41000 RTP/AVP 0", "a=sendonly");
        assertThat(AudioEndpoint.fromSdp(answer)).contains(new InetSocketAddress("192.0.2.10", 41000));
    }
}
