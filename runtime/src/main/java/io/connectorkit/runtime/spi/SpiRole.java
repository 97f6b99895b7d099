package io.connectorkit.runtime.spi;

import java.util.Optional;

/**
 * The places where a connector's class plugs into the runtime, by the key a descriptor names them with
 * ({@code spi.connectionTester: com.example.ApiTester}) and the interface the class must implement.
 */
public enum SpiRole {
    CONNECTION_TESTER("connectionTester", ConnectionTester.class),
    DRAFT_CONNECTION_TESTER("draftConnectionTester", DraftConnectionTester.class),
    CONNECTOR_CONFIGURATION_VALIDATOR("connectorConfigurationValidator", StepValidator.class),
    CONNECTION_CONFIGURATION_VALIDATOR("connectionConfigurationValidator", StepValidator.class),
    CONNECTION_UPDATE_VALIDATOR("connectionUpdateValidator", StepValidator.class),
    FINALIZE_VALIDATOR("finalizeValidator", StepValidator.class),
    SOURCE_VALIDATOR("sourceValidator", SourceValidator.class),
    FINALIZE_CALLBACK("finalizeCallback", FinalizeCallback.class),
    LIFECYCLE_HOOKS("lifecycleHooks", LifecycleHooks.class),
    RESOURCE_HOOKS("resourceHooks", ResourceHooks.class),
    INGESTION("ingestion", Ingestion.class);

    private final String key;
    private final Class<?> contract;

    SpiRole(String key, Class<?> contract) {
        this.key = key;
        this.contract = contract;
    }

    /** The descriptor key. */
    public String key() {
        return key;
    }

    /** The interface a class in this role implements. */
    public Class<?> contract() {
        return contract;
    }

    public static Optional<SpiRole> ofKey(String key) {
        for (SpiRole role : values()) {
            if (role.key.equals(key)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /**
     * Why the class cannot serve in this role (not found, wrong interface, no public no-argument constructor),
     * or empty when it can.
     */
    public Optional<String> problem(String className, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("the class " + className + " is not on the class path");
        }
        if (!contract.isAssignableFrom(type)) {
            return Optional.of("the class " + className + " does not implement " + contract.getName());
        }
        if (type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            return Optional.of("the class " + className + " is abstract; name a concrete class");
        }
        try {
            if (!java.lang.reflect.Modifier.isPublic(type.getConstructor().getModifiers())
                    || !java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                return Optional.of("the class " + className + " must be public with a public no-argument constructor");
            }
        } catch (NoSuchMethodException e) {
            return Optional.of("the class " + className + " has no public no-argument constructor");
        }
        return Optional.empty();
    }

    /** An instance of the class, checked for this role. */
    Object instantiate(String className, ClassLoader loader) {
        problem(className, loader).ifPresent(problem -> {
            throw new IllegalStateException("The connector's " + key + " cannot be used: " + problem);
        });
        try {
            return Class.forName(className, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The connector's " + key + " " + className + " could not be created: "
                    + e, e);
        }
    }
}
