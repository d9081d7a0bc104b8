package io.ccagent.local;

public final class LocalRuntime {

    public static void main(String[] args) {
    }
}
