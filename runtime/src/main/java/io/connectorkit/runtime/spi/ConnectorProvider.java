package io.connectorkit.runtime.spi;

/**
 * How the runtime finds a connector: a connector jar lists its implementation in
 * {@code META-INF/services/io.connectorkit.runtime.spi.ConnectorProvider}.
 */
public interface ConnectorProvider {

    ConnectorDefinition connector();
}
