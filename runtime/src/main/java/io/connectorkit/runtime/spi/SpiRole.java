package io.connectorkit.runtime.spi;

import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * The places where a connector's class plugs into the runtime, by the key a descriptor names them with
 * ({@code spi.connectionTester: com.example.ApiTester}) and the interface the class must implement.
 */
public enum SpiRole {
    /** {@code connectionTester}: a {@link ConnectionTester}. */
    CONNECTION_TESTER("connectionTester", ConnectionTester.class),
    /** {@code draftConnectionTester}: a {@link DraftConnectionTester}. */
    DRAFT_CONNECTION_TESTER("draftConnectionTester", DraftConnectionTester.class),
    /**
     * {@code connectorConfigurationValidator}: the {@link StepValidator} of
     * {@link WizardStep#CONNECTOR_CONFIGURATION}.
     */
    CONNECTOR_CONFIGURATION_VALIDATOR("connectorConfigurationValidator", StepValidator.class),
    /**
     * {@code connectionConfigurationValidator}: the {@link StepValidator} of
     * {@link WizardStep#CONNECTION_CONFIGURATION}.
     */
    CONNECTION_CONFIGURATION_VALIDATOR("connectionConfigurationValidator", StepValidator.class),
    /** {@code connectionUpdateValidator}: the {@link StepValidator} of {@link WizardStep#CONNECTION_UPDATE}. */
    CONNECTION_UPDATE_VALIDATOR("connectionUpdateValidator", StepValidator.class),
    /** {@code finalizeValidator}: the {@link StepValidator} of {@link WizardStep#FINALIZE}. */
    FINALIZE_VALIDATOR("finalizeValidator", StepValidator.class),
    /** {@code sourceValidator}: a {@link SourceValidator}. */
    SOURCE_VALIDATOR("sourceValidator", SourceValidator.class),
    /** {@code finalizeCallback}: a {@link FinalizeCallback}. */
    FINALIZE_CALLBACK("finalizeCallback", FinalizeCallback.class),
    /** {@code lifecycleHooks}: the {@link LifecycleHooks}. */
    LIFECYCLE_HOOKS("lifecycleHooks", LifecycleHooks.class),
    /** {@code resourceHooks}: the {@link ResourceHooks}. */
    RESOURCE_HOOKS("resourceHooks", ResourceHooks.class),
    /** {@code configurationHooks}: the {@link ConfigurationHooks}. */
    CONFIGURATION_HOOKS("configurationHooks", ConfigurationHooks.class),
    /** {@code ingestion}: the {@link Ingestion}. */
    INGESTION("ingestion", Ingestion.class);

    private final String key;
    private final Class<?> contract;

    SpiRole(String key, Class<?> contract) {
        this.key = key;
        this.contract = contract;
    }

    /**
     * The descriptor key.
     *
     * @return the key under {@code spi} in {@code connector.yaml} and in the description, in camel case
     *     ({@code connectionTester})
     */
    public String key() {
        return key;
    }

    /**
     * The interface a class in this role implements.
     *
     * @return the interface, such as {@code ConnectionTester.class}; several validator roles share
     *     {@code StepValidator.class}
     */
    public Class<?> contract() {
        return contract;
    }

    /**
     * The role a descriptor key names.
     *
     * @param key a descriptor key, matched exactly (case-sensitive)
     * @return the role; empty when no role has that key
     */
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
     * or empty when it can. The class is looked up without being initialised.
     *
     * @param className the fully qualified (binary) name of the class
     * @param loader the class loader to look the class up in
     * @return a lower-case sentence part naming the class and the problem ("the class com.example.Tester is not on
     *     the class path"), or empty when the class fits
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
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            return Optional.of("the class " + className + " is abstract; name a concrete class");
        }
        try {
            if (!Modifier.isPublic(type.getConstructor().getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
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
            throw new IllegalStateException(
                    "The connector's " + key + " " + className + " could not be created: " + e, e);
        }
    }
}
