package io.ccagent.stats.store;

/**
 * The field names of every stored row, declared once for the projection that writes a row and the queries that read
 * it. Short names keep the rows small; stats-service/README.md shows each row whole.
 */
public final class Rows {

    private Rows() {
    }

    /** {@code calls}: one row per call, its facts (the earliest of each kind) and where the call is listed. */
    public static final class Call {
        public static final String TENANT = "tn";
        public static final String CALL = "call";
        public static final String LAST_EVENT = "last";
        /** The {@link AgentHour} id the call is listed in. */
        public static final String AGENT_HOUR = "ah";
        /** The {@link QueueHour} id the call is listed in. */
        public static final String QUEUE_HOUR = "qh";
        /** The queue the caller still waits in. */
        public static final String WAITING_IN = "wq";
        public static final String ARRIVED = "arr";
        public static final String ANSWERED = "ans";
        public static final String ENDED = "end";
        public static final String ABANDONED = "abd";
        public static final String OUTBOUND = "out";

        private Call() {
        }
    }

    /** One fact of a call: time and event id (the order), then what the fact says. */
    public static final class Fact {
        public static final String TIME = "t";
        public static final String EVENT = "id";
        public static final String FROM = "from";
        public static final String NAME = "name";
        public static final String TO = "to";
        public static final String QUEUE = "q";
        public static final String AGENT = "ag";
        public static final String ORIGIN = "org";
        public static final String CAUSE = "cause";

        private Fact() {
        }
    }

    /** {@code agent_hours}: one agent's calls, missed offers, status and queue-login changes of one UTC hour. */
    public static final class AgentHour {
        public static final String AGENT = "ag";
        public static final String HOUR = "h";
        /** Map call id -> {@link AgentCall}. */
        public static final String CALLS = "c";
        /** Map event id -> {@link Missed}. */
        public static final String MISSED = "m";
        /** Map event id -> {@link StatusChange}. */
        public static final String STATUS = "s";
        /** Map event id -> {@link LoginChange}. */
        public static final String LOGINS = "l";

        private AgentHour() {
        }
    }

    /** A call as the agent's statistics and history see it. */
    public static final class AgentCall {
        public static final String TIME = "t";
        public static final String DIRECTION = "d";
        public static final String ORIGIN = "o";
        public static final String QUEUE = "q";
        public static final String NUMBER = "n";
        public static final String NAME = "nm";
        public static final String ANSWERED = "a";
        public static final String TALK_SECONDS = "tk";
        public static final String OUTCOME = "oc";

        private AgentCall() {
        }
    }

    public static final class Missed {
        public static final String TIME = "t";
        public static final String QUEUE = "q";

        private Missed() {
        }
    }

    public static final class StatusChange {
        public static final String TIME = "t";
        public static final String FROM = "f";
        public static final String TO = "to";

        private StatusChange() {
        }
    }

    public static final class LoginChange {
        public static final String TIME = "t";
        public static final String QUEUE = "q";
        public static final String LOGGED_IN = "in";

        private LoginChange() {
        }
    }

    /** {@code agents}: one agent's latest values ({@link Latest} strings, written with {@code $max}). */
    public static final class Agent {
        public static final String TENANT = "tn";
        public static final String ZONE = "z";
        public static final String STATUS = "st";
        /** Map queue -> logged in. */
        public static final String LOGINS = "lg";
        /** When the agent's first event happened (epoch millis): before it the agent did not exist, so was not Offline. */
        public static final String SINCE = "since";

        private Agent() {
        }
    }

    /** {@code wrap_ups}: one agent's wrap-up after one call. */
    public static final class WrapUp {
        public static final String START = "s";
        public static final String END = "e";
        public static final String LAST_EVENT = "last";

        private WrapUp() {
        }
    }

    /** {@code queue_hours}: the calls that arrived in one queue in one UTC hour. */
    public static final class QueueHour {
        public static final String QUEUE = "qu";
        public static final String HOUR = "h";
        /** Map call id -> {@link QueueCall}. */
        public static final String CALLS = "c";
        /** A new token on every write, so readers may cache what they computed from the hour. */
        public static final String VERSION = "v";

        private QueueHour() {
        }
    }

    /** A call as the queue's wallboard sees it. */
    public static final class QueueCall {
        public static final String TIME = "t";
        public static final String ANSWERED = "a";
        public static final String WAIT_MILLIS = "w";
        public static final String TALK_SECONDS = "tk";
        public static final String ABANDONED = "ab";
        /** False while the caller still waits (not answered, abandoned or sent on); absent in rows written before. */
        public static final String OVER = "ov";

        private QueueCall() {
        }
    }

    /** {@code queues}: one queue's configuration, members and their availability in it ({@link Latest} strings). */
    public static final class Queue {
        public static final String TENANT = "tn";
        public static final String CONFIG = "cfg";
        /** Map device -> "+"/"-" and agent. */
        public static final String MEMBERS = "mb";
        /** Map agent -> the agent's latest availability reason in this queue. */
        public static final String AVAILABILITY = "av";
        /**
         * A new token on every write (random: two projections may write the row from one batch), so readers may cache
         * what they computed from its members and availability.
         */
        public static final String VERSION = "v";

        private Queue() {
        }
    }

    /** {@code tenant_queues}: the queues of one tenant, so a wallboard finds them by {@code _id}. */
    public static final class TenantQueues {
        /** Map queue -> true. */
        public static final String QUEUES = "q";

        private TenantQueues() {
        }
    }

    /** {@code queue_waiting}: the callers waiting in one queue now (call id -> arrival time). */
    public static final class Waiting {
        public static final String CALLERS = "w";

        private Waiting() {
        }
    }
}
