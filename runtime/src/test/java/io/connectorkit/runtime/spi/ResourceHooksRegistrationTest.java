package io.connectorkit.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.connectorkit.runtime.Response;
import io.connectorkit.runtime.internal.json.JsonTree;
import io.connectorkit.runtime.resources.IngestionConfiguration;
import io.connectorkit.runtime.resources.IngestionStrategy;
import io.connectorkit.runtime.resources.ResourceDefinition;
import io.connectorkit.runtime.resources.ScheduleType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resource hooks are registered by the builder or named by the descriptor ({@code spi.resourceHooks}). */
class ResourceHooksRegistrationTest {

    /** A resource hooks class as a descriptor names it. */
    public static final class OnlyPublicRepositories implements ResourceHooks {
        @Override
        public Response validateCreate(ResourceDefinition resource, ConnectorContext context) {
            return resource.resourceIdConfiguration()
                            .flatMap(id -> id.bool("private"))
                            .orElse(false)
                    ? Response.error("PRIVATE_REPOSITORY", "Only public repositories can be ingested.")
                    : Response.ok();
        }
    }

    @Test
    void withoutHooksEveryPhaseAnswersOk() {
        ResourceHooks hooks = ConnectorDefinition.standard().resourceHooks();
        ResourceDefinition resource = new ResourceDefinition("r1", "n", true, null, "{}", null, List.of());

        assertThat(hooks).isSameAs(ResourceHooks.NONE);
        assertThat(List.of(
                        hooks.validateCreate(resource, null),
                        hooks.preCreate(resource, null),
                        hooks.postCreate("r1", null),
                        hooks.validateEnable("r1", null),
                        hooks.preEnable("r1", null),
                        hooks.postEnable("r1", null),
                        hooks.validateDisable("r1", null),
                        hooks.preDisable("r1", null),
                        hooks.postDisable("r1", null),
                        hooks.validateUpdate("r1", List.of(), null),
                        hooks.preUpdate("r1", List.of(), null),
                        hooks.postUpdate("r1", List.of(), null)))
                .allMatch(Response::isOk);
    }

    @Test
    void theDescriptorNamesTheHooksClass() {
        ConnectorDescription description = new ConnectorDescription(
                "demo",
                "1.0",
                List.of(),
                List.of(),
                List.of(),
                Map.of(SpiRole.RESOURCE_HOOKS, OnlyPublicRepositories.class.getName()));

        ConnectorDescription read = ConnectorDescription.fromJsonText(description.toJsonText());
        ResourceHooks hooks = read.toDefinition(getClass().getClassLoader()).resourceHooks();

        assertThat(JsonTree.parse(description.toJsonText())
                        .path("spi")
                        .path("resourceHooks")
                        .asText())
                .isEqualTo(OnlyPublicRepositories.class.getName());
        assertThat(read).isEqualTo(description);
        assertThat(hooks).isInstanceOf(OnlyPublicRepositories.class);
        assertThat(hooks.validateCreate(
                                new ResourceDefinition("r1", "n", false, null, "{\"private\": true}", null, List.of()),
                                null)
                        .code())
                .isEqualTo("PRIVATE_REPOSITORY");
        assertThat(SpiRole.ofKey("resourceHooks")).hasValue(SpiRole.RESOURCE_HOOKS);
        assertThat(SpiRole.RESOURCE_HOOKS.problem(
                        OnlyPublicRepositories.class.getName(), getClass().getClassLoader()))
                .isEmpty();
        assertThat(SpiRole.RESOURCE_HOOKS.problem(
                        ConnectorRegistryTest.AlwaysConnected.class.getName(),
                        getClass().getClassLoader()))
                .hasValue("the class " + ConnectorRegistryTest.AlwaysConnected.class.getName() + " does not implement "
                        + ResourceHooks.class.getName());
    }

    @Test
    void aResourceHasTheSdksJsonShapeForHooks() {
        ResourceDefinition resource = new ResourceDefinition(
                "r1",
                "Issues",
                true,
                null,
                "{\"repo\":\"api\"}",
                null,
                List.of(new IngestionConfiguration(
                        "c1",
                        IngestionStrategy.INCREMENTAL,
                        "{\"labels\":[\"bug\"]}",
                        ScheduleType.INTERVAL,
                        "60m",
                        null)));

        assertThat(JsonTree.parse(resource.toJsonText()))
                .isEqualTo(JsonTree.parse("{\"id\": \"r1\", \"name\": \"Issues\","
                        + " \"enabled\": true, \"disabled\": false, \"parentId\": null, \"resourceId\": {\"repo\": \"api\"},"
                        + " \"resourceMetadata\": null, \"ingestionConfigurations\": [{\"id\": \"c1\", \"ingestionStrategy\":"
                        + " \"INCREMENTAL\", \"customIngestionConfiguration\": {\"labels\": [\"bug\"]}, \"scheduleType\":"
                        + " \"INTERVAL\", \"scheduleDefinition\": \"60m\", \"destination\": null}]}"));
        assertThat(resource.ingestionConfigurations()
                        .get(0)
                        .customConfiguration()
                        .orElseThrow()
                        .value("labels"))
                .hasValue(List.of("bug"));
        assertThat(resource.ingestionConfigurations().get(0).destinationConfiguration())
                .isEmpty();
        assertThat(resource.resourceMetadataConfiguration()).isEmpty();
    }
}
