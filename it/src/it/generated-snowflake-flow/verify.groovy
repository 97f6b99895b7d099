// Checks each step's log, on either account, and on the fake account what it saw; stops the fake account and the
// sample API whatever happens.
def server = context.snowflake
try {
    boolean live = context.account.live()
    def step = { int n -> new File(basedir, "step-${n}.log").getText('UTF-8') }
    def expect = { int n, String text ->
        assert step(n).contains(text): "step ${n} should have logged: ${text}\n--- step-${n}.log:\n${step(n)}"
    }
    def stage = '@"SNOW_CONNECTOR_PKG".APP_SRC.STAGE'
    def warehouse = live ? System.getenv('SNOWFLAKE_WAREHOUSE') : 'SNOW_WH'
    def version = '"1.1.0"'
    def invoker = new Properties()
    new File(basedir, 'invoker.properties').withInputStream { invoker.load(it) }

    // 3: the app is created from the uploaded files and its uploaded connector answers the wizard.
    expect(3, live ? 'Connecting to account '
            : 'Connecting to account fake_account as fake_user with SNOWFLAKE (from .snowflake/connections.toml [fake])')
    expect(3, 'Created application package SNOW_CONNECTOR_PKG')
    expect(3, "Created application SNOW_CONNECTOR USING '${stage}'")
    expect(3, 'Authorized application SNOW_CONNECTOR to share its telemetry events with the provider')
    expect(3, '[specifications] API_ACCESS (EXTERNAL_ACCESS "API access"): PENDING, sequence number 1')
    expect(3, '[specifications] approved API_ACCESS: ALTER APPLICATION "SNOW_CONNECTOR" APPROVE SPECIFICATION "API_ACCESS" SEQUENCE_NUMBER = 1')
    expect(3, '    API_ACCESS (EXTERNAL_ACCESS "API access"): APPROVED, sequence number 1')
    expect(3, "Bound WAREHOUSE \"${warehouse}\" to the app's reference WAREHOUSE_REFERENCE")
    expect(3, "Secret 'api_token' stored in \"SNOW_CONNECTOR_SECRETS\".\"PUBLIC\".\"SNOW_CONNECTOR_API_TOKEN\"")
    expect(3, '[connector] CONFIGURE_CONNECTOR: OK')
    // The generated connector's tester reached the API with the token read through the bound reference.
    expect(3, '[connection] SET_CONNECTION_CONFIGURATION: OK (Connected to ' + (live ? 'https://' : 'http://127.0.0.1:'))
    expect(3, 'Snowflake application SNOW_CONNECTOR is now STARTED (configuration FINALIZED)')
    expect(3, 'Resources of Snowflake application SNOW_CONNECTOR: 2 created')
    expect(3, "    warehouse = ${warehouse}")
    if (!live) {
        expect(3, 'EXECUTE TASK ON ACCOUNT: held (granted by Snowflake at install and upgrade, manifest version 2; it cannot be revoked)')
    }

    // 4: nothing to upload, the app upgraded in place from the same files, nothing to configure, resources unchanged.
    assert step(4) =~ /Stage @SNOW_CONNECTOR_PKG\.APP_SRC\.STAGE: 0 uploaded \(0 bytes\), 0 removed, [1-9]\d* unchanged/
    expect(4, "Upgraded application SNOW_CONNECTOR USING '${stage}'")
    expect(4, 'is configured already (STARTED (configuration FINALIZED)) and its connector configuration matches configuration-snowflake.yaml: nothing to do')
    expect(4, 'Resources of Snowflake application SNOW_CONNECTOR: up to date (nothing changed), 2 listed')

    // 5: the daily goals call the same procedures on Snowflake; the rotated token is bound, then tested and saved.
    expect(5, 'PAUSE_CONNECTOR: OK')
    expect(5, "Secret 'api_token' stored in")
    expect(5, 'UPDATE_CONNECTION_CONFIGURATION: OK (Connected to ')
    // A real account's app may use only the warehouse granted to it, so there update-warehouse names that one.
    expect(5, live ? "uses warehouse ${warehouse} already: nothing to do" : 'UPDATE_WAREHOUSE: OK')
    expect(5, 'RESUME_CONNECTOR: OK')
    assert step(5) =~ /No ingestion runs yet for Snowflake application SNOW_CONNECTOR|Ingested rows per hour/
    expect(5, 'from version 1.0.0-SNAPSHOT to 1.1.0')
    // connector:events read the account's event table (the scheduler task's runs, if it ran any).
    assert step(5) =~ /No events of Snowflake application SNOW_CONNECTOR match|Ingestion of resource/

    // 6: only the changed files uploaded; the app upgraded in place, its state (the warehouse moved in 5) kept.
    assert step(6) =~ /Stage @SNOW_CONNECTOR_PKG\.APP_SRC\.STAGE: [1-9]\d* uploaded \(\d+ bytes\), 0 removed, [1-9]\d* unchanged/
    expect(6, "Upgraded application SNOW_CONNECTOR USING '${stage}'")
    expect(6, '  status:               STARTED')
    expect(6, "    warehouse = ${live ? warehouse : 'BIGGER_WH'}")

    // 7: version 1.1.0 registered (new packages have release channels); the app made from staged files cannot be
    // upgraded to a version, so it is recreated from it and configured anew; the redeploy adds patch 1 and upgrades
    // to it; undeploy drops the app and the package.
    expect(7, "Registered version 1.1.0 in SNOW_CONNECTOR_PKG (release channels ")
    expect(7, 'Application SNOW_CONNECTOR cannot be upgraded (Snowflake error ')
    expect(7, "Created application SNOW_CONNECTOR USING VERSION ${version} PATCH 0")
    // The recreated app asks for its specification again.
    expect(7, '[specifications] approved API_ACCESS: ')
    expect(7, '[finalize] FINALIZE_CONNECTOR_CONFIGURATION: OK')
    expect(7, 'Added patch 1 to version 1.1.0 of SNOW_CONNECTOR_PKG')
    expect(7, "Upgraded application SNOW_CONNECTOR USING VERSION ${version} PATCH 1")
    expect(7, 'Deployed connector app snow_connector to Snowflake from package snow_connector_pkg, version 1.1.0')
    expect(7, 'Dropped application SNOW_CONNECTOR')
    expect(7, 'Dropped application package SNOW_CONNECTOR_PKG')

    if (!live) {
        // What the account saw after verify.4.groovy's checks: the app upgraded from the changed files, recreated
        // from the version and upgraded to its patch; the secret bound again by the rotation and by the new app's
        // configure; the app and the package gone.
        def statements = server.snowflake().applicationStatements()*.sql()
        assert statements.count { it.startsWith('CREATE APPLICATION "SNOW_CONNECTOR"') } == 2
        // The archetype's app declares a MANDATORY event definition: every CREATE APPLICATION authorizes sharing.
        assert statements.findAll { it.startsWith('CREATE APPLICATION "SNOW_CONNECTOR"') }
                .every { it.contains(' AUTHORIZE_TELEMETRY_EVENT_SHARING = TRUE ') }
        assert statements.contains('SHOW PARAMETERS LIKE \'EVENT_TABLE\' IN ACCOUNT')
        assert statements.count { it.startsWith('ALTER APPLICATION "SNOW_CONNECTOR" UPGRADE USING \'@') } == 2
        assert statements.count { it.startsWith('ALTER APPLICATION "SNOW_CONNECTOR" UPGRADE USING VERSION') } == 2
        def secrets = server.snowflake().applicationStatements().findAll { it.sql().startsWith('CREATE OR REPLACE SECRET') }
        // update-connection binds the rotated token in the draft object first, then in the app's own once it works.
        assert secrets.size() == 4
        def rotated = invoker.getProperty('invoker.environmentVariables.RECORDS_API_TOKEN.5').trim()
        // The value is bound, never in a statement's text (which Snowflake's query history keeps).
        assert secrets.every { it.sql().contains(' SECRET_STRING = ? ') }
        assert !statements.any { it.contains(rotated) }
        assert secrets.count { it.bindings() == [rotated] } == 3: 'update-connection (draft, kept) and the new configure bind the rotated token'
        assert statements.count { it == 'DROP SECRET IF EXISTS "SNOW_CONNECTOR_SECRETS"."PUBLIC"."SNOW_CONNECTOR_API_TOKEN_DRAFT"' } == 1
        assert !server.account().applications.containsKey('SNOW_CONNECTOR')
        assert !server.account().packages.containsKey('SNOW_CONNECTOR_PKG')
        assert server.account().app('SNOW_CONNECTOR').isEmpty()
        // Undeploy leaves the secret's database to its owner, the connection's role (README, "Secrets"); only
        // update-connection's draft object is dropped, once settled.
        assert !statements.any { it ==~ /(?s)DROP (SECRET|DATABASE|SCHEMA).*SNOW_CONNECTOR_SECRETS.*/ && !it.endsWith('_DRAFT"') }
    }

    // Every bundle the project built holds the generated Streamlit app (the wizard and the daily-use pages), its
    // model of the connector, and names it the manifest's default_streamlit; the installs above ran its CREATE
    // STREAMLIT, which the fake refuses unless the main file is staged.
    def bundles = new File(basedir, 'snow-connector/target').listFiles().findAll { it.name.endsWith('-app.zip') }
    assert !bundles.isEmpty()
    bundles.each { file ->
        new java.util.zip.ZipFile(file).withCloseable { zip ->
            ['snowflake/streamlit/streamlit_app.py', 'snowflake/streamlit/environment.yml',
             'snowflake/streamlit/connector_ui/wizard.py', 'snowflake/streamlit/connector_ui/daily.py',
             'snowflake/streamlit/connector_model.json'].each { entry ->
                assert zip.getEntry(entry) != null: "${file.name} should hold ${entry}"
            }
            def model = zip.getInputStream(zip.getEntry('snowflake/streamlit/connector_model.json')).getText('UTF-8')
            assert model.contains('"name" : "snow_connector"') && model.contains('"reference" : "API_TOKEN_SECRET"')
            def manifest = zip.getInputStream(zip.getEntry('snowflake/manifest.yml')).getText('UTF-8')
            assert manifest.contains('default_streamlit: "UI.CONNECTOR"')
        }
    }

    // The tokens came from the environment only: no log and no file the builds or the fake wrote holds them.
    def tokens = invoker.stringPropertyNames().findAll { it.startsWith('invoker.environmentVariables.RECORDS_API_TOKEN') }
            .collect { invoker.getProperty(it).trim() }
    basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
        if (file.name != 'invoker.properties') {
            def text = new String(file.bytes, 'ISO-8859-1')
            tokens.each { token -> assert !text.contains(token): "a token leaked into ${file}" }
        }
    }
    return true
} finally {
    server?.stop()
    context.api?.close()
}
