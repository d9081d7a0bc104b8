package io.ccagent.identity.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The keys a service verifies tokens with: {@code SERVICE_TOKEN_SECRET} (current) and, during a rotation,
 * {@code SERVICE_TOKEN_PREVIOUS_SECRET} (the one being retired; empty otherwise). Both base64, 32+ bytes.
 */
@ConfigurationProperties("service-token")
record ServiceTokenProperties(String secret, String previousSecret) {
}
