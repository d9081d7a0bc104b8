package io.ccagent.portal.reset;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Password-reset tokens. Only a SHA-256 of the token is stored, so a read of the database cannot reset anyone's
 * password. A token is redeemed by one conditional update (unused and not expired), which makes it single-use
 * even when two requests race. Expiry is checked on redeem; no TTL index is relied upon.
 */
@Component
class ResetTokens {

    private final MongoCollection<Document> tokens;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ResetTokens(MongoDatabase portalDatabase, Clock clock) {
        this.tokens = portalDatabase.getCollection("reset_tokens");
        this.clock = clock;
    }

    /** A new token for the login, valid for {@code lifetime}; the returned text goes into the emailed link only. */
    String issue(String login, Duration lifetime) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.insertOne(new Document("_id", hash(token))
                .append("login", login)
                .append("expiresAt", Date.from(clock.instant().plus(lifetime)))
                .append("usedAt", null));
        return token;
    }

    /** The login the token was issued for, consuming it; empty when unknown, used or expired. */
    Optional<String> redeem(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Date now = Date.from(clock.instant());
        Document redeemed = tokens.findOneAndUpdate(
                Filters.and(Filters.eq("_id", hash(token)), Filters.eq("usedAt", null), Filters.gt("expiresAt", now)),
                Updates.set("usedAt", now));
        return Optional.ofNullable(redeemed).map(document -> document.getString("login"));
    }

    /** What a link with this token can do now, so the page can say why it cannot: used and expired differ. */
    enum State { USABLE, USED, EXPIRED, UNKNOWN }

    State state(String token) {
        if (token == null || token.isBlank()) {
            return State.UNKNOWN;
        }
        Document found = tokens.find(Filters.eq("_id", hash(token))).first();
        if (found == null) {
            return State.UNKNOWN;
        }
        if (found.get("usedAt") != null) {
            return State.USED;
        }
        return found.getDate("expiresAt").toInstant().isAfter(clock.instant()) ? State.USABLE : State.EXPIRED;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
