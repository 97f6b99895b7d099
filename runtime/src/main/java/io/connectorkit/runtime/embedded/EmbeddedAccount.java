package io.connectorkit.runtime.embedded;

import io.connectorkit.runtime.sql.Account;
import io.connectorkit.runtime.sql.Identifier;

/**
 * The embedded target has no account: the app holds every privilege and any validly named warehouse is usable,
 * so the wizard and daily use run offline exactly as they would on a fully granted Snowflake install.
 */
public final class EmbeddedAccount implements Account {

    public static final EmbeddedAccount INSTANCE = new EmbeddedAccount();

    private EmbeddedAccount() {}

    @Override
    public boolean holdsAccountPrivilege(String privilege) {
        return true;
    }

    @Override
    public boolean canUseWarehouse(Identifier warehouse) {
        return true;
    }
}
