package io.ccagent.gateway.pbx;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import io.ccagent.contracts.ids.Tenant;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** One API key per tenant for the PBX call-event API; only its SHA-256 is stored. */
@Component
class ApiKeys {

    private final MongoCollection<Document> keys;

    ApiKeys(MongoDatabase database) {
        this.keys = database.getCollection("api_keys");
        keys.createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true));
    }

    /** Sets (or replaces) the tenant's key; the old key stops working at once. */
    void put(Tenant tenant, String apiKey) {
        keys.replaceOne(eq("_id", tenant.domain()),
                new Document("_id", tenant.domain()).append("hash", hash(apiKey)), new ReplaceOptions().upsert(true));
    }

    Optional<Tenant> tenantOf(String apiKey) {
        Document doc = keys.find(eq("hash", hash(apiKey))).first();
        return doc == null ? Optional.empty() : Optional.of(Tenant.of(doc.getString("_id")));
    }

    private static String hash(String apiKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(apiKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
