/** JSON in plain Java values, with the same rules the app applies to VARIANT arguments. */
package io.connectorkit.runtime.json;
