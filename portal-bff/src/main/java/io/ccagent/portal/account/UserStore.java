package io.ccagent.portal.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/** Portal accounts in MongoDB, one document per login ({@code _id} = canonical {@code ext@domain}). */
@Component
public class UserStore {

    private final MongoCollection<Document> users;
    private final Clock clock;

    UserStore(MongoDatabase portalDatabase, Clock clock) {
        this.users = portalDatabase.getCollection("users");
        this.clock = clock;
    }

    public Optional<PortalUser> find(String login) {
        return Optional.ofNullable(users.find(Filters.eq("_id", login)).first()).map(UserStore::toUser);
    }

    void save(PortalUser user) {
        Document document = new Document("_id", user.login())
                .append("name", user.name())
                .append("email", user.email())
                .append("scope", user.scope().name())
                .append("passwordHash", user.passwordHash())
                .append("updatedAt", Date.from(clock.instant()));
        users.replaceOne(Filters.eq("_id", user.login()), document, new ReplaceOptions().upsert(true));
    }

    public void changePasswordHash(String login, String passwordHash) {
        users.updateOne(Filters.eq("_id", login), Updates.combine(
                Updates.set("passwordHash", passwordHash),
                Updates.set("updatedAt", Date.from(clock.instant()))));
    }

    private static PortalUser toUser(Document document) {
        return new PortalUser(document.getString("_id"), document.getString("name"), document.getString("email"),
                Scope.valueOf(document.getString("scope")), document.getString("passwordHash"));
    }
}
