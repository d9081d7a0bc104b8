package io.ccagent.gateway.sip;

/** A SIP message could not be built or sent; the dispatcher logs it and the transaction times out on its own. */
class SipFailure extends RuntimeException {

    SipFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
