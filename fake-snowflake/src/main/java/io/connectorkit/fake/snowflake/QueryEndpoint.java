package io.connectorkit.fake.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code POST /queries/v1/query-request}: one statement, its text in {@code sqlText} and its values in
 * {@code bindings}. It is answered by the latest canned reply whose matcher accepts its text, else by the stages
 * for PUT, LIST and REMOVE, else like DDL by Snowflake.
 */
final class QueryEndpoint {

    /** Snowflake's answer to a request of a session that is gone. */
    private static final int LOGIN_AGAIN = 390104;

    private record CannedReply(Predicate<String> sqlMatcher, Function<Query, Reply> reply) {}

    private final Sessions sessions;
    private final Stages stages;
    private final List<RecordedStatement> statements = new CopyOnWriteArrayList<>();
    private final List<CannedReply> cannedReplies = new CopyOnWriteArrayList<>();

    QueryEndpoint(Sessions sessions, Stages stages) {
        this.sessions = sessions;
        this.stages = stages;
    }

    void on(Predicate<String> sqlMatcher, Function<Query, Reply> reply) {
        cannedReplies.add(0, new CannedReply(sqlMatcher, reply));
    }

    List<RecordedStatement> statements() {
        return List.copyOf(statements);
    }

    ObjectNode answer(HttpExchange exchange, JsonNode body) throws IOException {
        if (JsonEndpoint.sessionToken(exchange).filter(sessions::isOpen).isEmpty()) {
            return JsonEndpoint.failure(LOGIN_AGAIN, "User must login again to access the service.");
        }
        Query query = new Query(body.path("sqlText").asText(), Bindings.from(body.path("bindings")));
        String queryId = UUID.randomUUID().toString();
        // The driver describes a prepared statement before a batch or for its metadata: nothing runs, so nothing
        // is recorded and no stage changes.
        if (body.path("describeOnly").asBoolean()) {
            return QueryResults.of(cannedReply(query).orElseGet(() -> defaultReply(query)), query.sql(), queryId);
        }
        statements.add(new RecordedStatement(query.sql(), query.bindings()));
        Optional<Reply> canned = cannedReply(query);
        if (canned.isPresent()) {
            return QueryResults.of(canned.get(), query.sql(), queryId);
        }
        Optional<StageCommand> stageCommand = StageCommand.parse(query.sql());
        if (stageCommand.isPresent()) {
            return stageAnswer(stageCommand.get(), query.sql(), queryId);
        }
        return QueryResults.of(defaultReply(query), query.sql(), queryId);
    }

    private Optional<Reply> cannedReply(Query query) {
        return cannedReplies.stream()
                .filter(canned -> canned.sqlMatcher().test(query.sql()))
                .findFirst()
                .map(canned -> canned.reply().apply(query));
    }

    private ObjectNode stageAnswer(StageCommand command, String sql, String queryId) throws IOException {
        if (command instanceof StageCommand.Put put) {
            return QueryResults.upload(put, stages.prepareUpload(put), queryId);
        }
        if (command instanceof StageCommand.ListFiles list) {
            return QueryResults.of(stages.list(list), sql, queryId);
        }
        return QueryResults.of(stages.remove((StageCommand.Remove) command), sql, queryId);
    }

    /** Snowflake's status row, except for DML, which the driver reads a count of rows from. */
    private static Reply defaultReply(Query query) {
        return StatementType.of(query.sql()).isDml() ? Reply.rowsAffected(0) : Reply.statementExecuted();
    }
}
