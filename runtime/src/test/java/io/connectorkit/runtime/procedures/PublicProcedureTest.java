package io.connectorkit.runtime.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import com.snowflake.snowpark_java.Session;
import com.snowflake.snowpark_java.types.Variant;
import io.connectorkit.runtime.embedded.EmbeddedProcedures;
import io.connectorkit.runtime.snowflake.SnowflakeProcedures;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every procedure of the catalog has a handler of the right shape on both targets. */
class PublicProcedureTest {

    @ParameterizedTest
    @EnumSource(PublicProcedure.class)
    void snowflakeHandlerTakesTheSessionAndTheSqlArguments(PublicProcedure procedure) throws Exception {
        List<Class<?>> parameters = new ArrayList<>(List.of(Session.class));
        for (PublicProcedure.Argument argument : procedure.arguments()) {
            parameters.add(
                    switch (argument.type()) {
                        case VARIANT -> Variant.class;
                        case STRING, VARCHAR -> String.class;
                        case BOOLEAN -> Boolean.class;
                    });
        }
        Method handler =
                SnowflakeProcedures.class.getMethod(procedure.handlerMethod(), parameters.toArray(Class[]::new));

        assertThat(Modifier.isStatic(handler.getModifiers())).isTrue();
        assertThat(handler.getReturnType()).isEqualTo(Variant.class);
    }

    @ParameterizedTest
    @EnumSource(PublicProcedure.class)
    void embeddedAliasTakesTheConnectionAndJsonText(PublicProcedure procedure) throws Exception {
        List<Class<?>> parameters = new ArrayList<>(List.of(Connection.class));
        for (PublicProcedure.Argument argument : procedure.arguments()) {
            parameters.add(argument.type() == PublicProcedure.SqlType.BOOLEAN ? Boolean.class : String.class);
        }
        Method alias = EmbeddedProcedures.class.getMethod(procedure.handlerMethod(), parameters.toArray(Class[]::new));

        assertThat(Modifier.isStatic(alias.getModifiers())).isTrue();
        assertThat(alias.getReturnType()).isEqualTo(String.class);
    }

    @ParameterizedTest
    @EnumSource(PublicProcedure.class)
    void viewerMayOnlyCallProceduresThatChangeNothing(PublicProcedure procedure) {
        if (procedure.access() == PublicProcedure.Access.ADMIN_AND_VIEWER) {
            assertThat(procedure.changesState()).isFalse();
        }
        if (procedure.changesState()) {
            assertThat(procedure.access()).isIn(PublicProcedure.Access.ADMIN, PublicProcedure.Access.INTERNAL);
        }
    }
}
