package io.connectorkit.fake.snowflake;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The open sessions, by the token the driver sends with each request. */
final class Sessions {

    /** A session as the driver knows it after login. */
    record Session(long id, String token, RecordedLogin login) {}

    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();

    Session open(RecordedLogin login) {
        Session session =
                new Session(lastId.incrementAndGet(), UUID.randomUUID().toString(), login);
        byToken.put(session.token(), session);
        return session;
    }

    boolean isOpen(String token) {
        return byToken.containsKey(token);
    }

    void close(String token) {
        byToken.remove(token);
    }
}
