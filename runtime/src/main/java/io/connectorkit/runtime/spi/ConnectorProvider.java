package io.connectorkit.runtime.spi;

/**
 * How the runtime finds a connector: a connector jar lists its implementation in
 * {@code META-INF/services/io.connectorkit.runtime.spi.ConnectorProvider}. It is used only when the jar has no
 * generated {@value ConnectorDescription#RESOURCE}, and at most one provider may be on the class path. The class
 * needs a public no-argument constructor ({@link java.util.ServiceLoader}).
 */
public interface ConnectorProvider {

    /**
     * The connector's definition. The runtime caches the result per class loader, so it normally calls this once.
     *
     * @return the definition, usually {@code ConnectorDefinition.builder()...build()}
     */
    ConnectorDefinition connector();
}
