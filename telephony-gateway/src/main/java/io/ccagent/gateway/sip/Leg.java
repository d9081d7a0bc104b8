package io.ccagent.gateway.sip;

import io.ccagent.contracts.ids.AgentId;
import io.ccagent.contracts.ids.DeviceId;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;

/** One outgoing INVITE of a call: to an offered phone, to all phones of an agent, or to the trunk. */
final class Leg {

    enum State { CALLING, RINGING, ANSWERED, DONE }

    final Call call;
    /** Null for the trunk leg of an outbound call. */
    final DeviceId device;
    final AgentId agent;
    final String sipCallId;
    ClientTransaction invite;
    Dialog dialog;
    State state = State.CALLING;
    /** We want this leg gone: CANCEL as soon as the phone answers provisionally, BYE if it answers for real. */
    boolean cancelledByUs;
    boolean cancelSent;
    boolean ringingPublished;
    ScheduledFuture<?> noAnswerTimer;

    Leg(Call call, DeviceId device, AgentId agent, String sipCallId) {
        this.call = call;
        this.device = device;
        this.agent = agent;
        this.sipCallId = sipCallId;
    }

    /** Still ringing (or about to) and not given up on. */
    boolean isLive() {
        return (state == State.CALLING || state == State.RINGING) && !cancelledByUs;
    }

    void stopTimer() {
        if (noAnswerTimer != null) {
            noAnswerTimer.cancel(false);
            noAnswerTimer = null;
        }
    }
}
