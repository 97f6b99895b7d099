package io.connectorkit.plugin.app;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.runtime.sql.Identifier;

/**
 * An account object to bind to one of the app's references, as the consumer would grant it: the reference the
 * descriptor declares (its object type, privileges and register callback) and the object's name.
 */
public record ReferenceBinding(Descriptor.Reference reference, Identifier object) {}
