package io.connectorkit.plugin;

import io.connectorkit.plugin.descriptor.Descriptor;
import io.connectorkit.plugin.operate.Operations;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Moves a paused connector to another warehouse (UPDATE_WAREHOUSE). */
@Mojo(name = "update-warehouse", threadSafe = true)
public final class UpdateWarehouseMojo extends InstalledAppMojo {

    /** The new warehouse: {@code MY_WAREHOUSE}, or {@code "My Warehouse"} for a quoted name. */
    @Parameter(property = "connector.warehouse")
    String warehouse;

    @Inject
    public UpdateWarehouseMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    AppWork work(Descriptor descriptor) {
        return app -> new Operations(app, getLog()::info).updateWarehouse(warehouse);
    }
}
