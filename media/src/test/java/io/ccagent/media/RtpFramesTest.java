package io.ccagent.media;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RtpFramesTest {

    private static final byte[] AUDIO = new byte[RtpFrames.FRAME_BYTES + 40];

    static {
        Arrays.fill(AUDIO, (byte) 0x11);
    }

    @Test
    void aPacketIsAVersion2PcmuHeaderAndOneFrameOfTheAudio() {
        byte[] packet = new RtpFrames().packet(AUDIO, 0);

        assertThat(packet).hasSize(12 + RtpFrames.FRAME_BYTES);
        assertThat(packet[0]).as("version 2, no padding, extension or CSRC").isEqualTo((byte) 0x80);
        assertThat(packet[1]).as("marker set on the first frame, payload type 0 (PCMU)").isEqualTo((byte) 0x80);
        assertThat(Arrays.copyOfRange(packet, 12, packet.length)).containsOnly((byte) 0x11);
    }

    @Test
    void sequenceAndTimestampMoveOnByOneFrameAndTheSsrcStays() {
        RtpFrames frames = new RtpFrames();
        ByteBuffer first = ByteBuffer.wrap(frames.packet(AUDIO, 0));
        ByteBuffer second = ByteBuffer.wrap(frames.packet(AUDIO, RtpFrames.FRAME_BYTES));

        assertThat(second.get(1)).as("no marker after the first frame").isEqualTo((byte) 0x00);
        assertThat(second.getShort(2) & 0xFFFF).isEqualTo(((first.getShort(2) & 0xFFFF) + 1) & 0xFFFF);
        assertThat(second.getInt(4) & 0xFFFFFFFFL)
                .isEqualTo(((first.getInt(4) & 0xFFFFFFFFL) + RtpFrames.FRAME_BYTES) & 0xFFFFFFFFL);
        assertThat(second.getInt(8)).isEqualTo(first.getInt(8));
    }

    @Test
    void aShortLastFrameIsFilledUpWithSilence() {
        byte[] last = new RtpFrames().packet(AUDIO, RtpFrames.FRAME_BYTES);

        assertThat(Arrays.copyOfRange(last, 12, 12 + 40)).containsOnly((byte) 0x11);
        assertThat(Arrays.copyOfRange(last, 12 + 40, last.length)).containsOnly((byte) 0xFF);
        assertThat(RtpFrames.packetsOf(AUDIO)).isEqualTo(2);
    }
}
