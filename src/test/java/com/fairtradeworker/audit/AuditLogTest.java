package com.fairtradeworker.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fairtradeworker.shared.RequestMetadata;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@IntegrationTest
class AuditLogTest {

    @Autowired
    AuditLog auditLog;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DatabaseRoles db;

    @AfterEach
    void clearRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void recordsActorActionEntityRequestAndDetails() {
        UUID actor = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(RequestMetadata.ATTRIBUTE, new RequestMetadata("req-audit-1", "203.0.113.9", "curl/8"));
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        UUID id = transactions.execute(status -> auditLog.record(
                AuditEntry.byUser(actor, "JOB_PUBLISHED", "job", job).with(Map.of("from", "DRAFT", "to", "OPEN"))));

        var row = db.app().sql("""
                SELECT actor_id, action, entity_type, entity_id, host(ip) AS ip, user_agent, request_id,
                       details ->> 'to' AS to_state
                FROM audit_logs WHERE id = ?
                """).param(id).query().singleRow();
        assertThat(row)
                .containsEntry("actor_id", actor)
                .containsEntry("action", "JOB_PUBLISHED")
                .containsEntry("entity_type", "job")
                .containsEntry("entity_id", job.toString())
                .containsEntry("ip", "203.0.113.9")
                .containsEntry("user_agent", "curl/8")
                .containsEntry("request_id", "req-audit-1")
                .containsEntry("to_state", "OPEN");
    }

    @Test
    void systemActionsHaveNoActorAndNoRequest() {
        UUID id = transactions.execute(
                status -> auditLog.record(AuditEntry.bySystem("JOB_EXPIRED", "job", UUID.randomUUID())));

        var row = db.app()
                .sql("SELECT actor_id, ip, request_id FROM audit_logs WHERE id = ?")
                .param(id)
                .query()
                .singleRow();
        assertThat(row.get("actor_id")).isNull();
        assertThat(row.get("ip")).isNull();
        assertThat(row.get("request_id")).isNull();
    }

    @Test
    void anAuditRowCommitsOrVanishesWithTheChangeItDescribes() {
        UUID entity = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    auditLog.record(AuditEntry.bySystem("SOMETHING_DONE", "thing", entity));
                    throw new IllegalStateException("the change failed");
                }))
                .hasMessage("the change failed");

        assertThat(db.app()
                        .sql("SELECT count(*) FROM audit_logs WHERE entity_id = ?")
                        .param(entity.toString())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void recordingOutsideATransactionIsAProgrammingError() {
        assertThatThrownBy(() -> auditLog.record(AuditEntry.bySystem("X", "thing", UUID.randomUUID())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void independentRecordsSurviveTheCallersRollback() {
        UUID entity = UUID.randomUUID();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    auditLog.recordIndependently(AuditEntry.bySystem("LOGIN_FAILED", "user", entity));
                    throw new IllegalStateException("refused");
                }))
                .hasMessage("refused");

        assertThat(db.app()
                        .sql("SELECT count(*) FROM audit_logs WHERE entity_id = ?")
                        .param(entity.toString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }
}
