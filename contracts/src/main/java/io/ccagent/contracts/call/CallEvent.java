package io.ccagent.contracts.call;

import io.ccagent.contracts.Event;
import io.ccagent.contracts.ids.CallId;

/**
 * Facts from the telephony side, published on {@code call.events} by telephony-gateway.
 * The subject is the call id, except for device registration facts whose subject is the device.
 */
public sealed interface CallEvent extends Event permits CallArrived, CallRinging, CallAnswered, CallEnded,
        CallAbandoned, OfferNotAnswered, StarCodeDialed, DeviceRegistered, DeviceUnregistered, OutboundPlaced {

    /** The call this fact belongs to. */
    CallId call();

    @Override
    default String subject() {
        return call().value();
    }
}
