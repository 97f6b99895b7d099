// Checks each step's log and what the fake account saw; stops the fake account and the sample API whatever happens.
def server = context.snowflake
try {
    def step = { int n -> new File(basedir, "step-${n}.log").getText('UTF-8') }
    def expect = { int n, String text ->
        assert step(n).contains(text): "step ${n} should have logged: ${text}\n--- step-${n}.log:\n${step(n)}"
    }
    def stage = '@"SNOW_CONNECTOR_PKG".APP_SRC.STAGE'

    // 3: the app is created from the uploaded files and its uploaded connector answers the wizard.
    expect(3, 'Connecting to account fake_account as fake_user with SNOWFLAKE (from .snowflake/connections.toml [fake])')
    expect(3, 'Created application package SNOW_CONNECTOR_PKG')
    expect(3, "Created application SNOW_CONNECTOR USING '${stage}'")
    expect(3, 'Bound EXTERNAL ACCESS INTEGRATION "RECORDS_API_ACCESS" to the app\'s reference API_ACCESS')
    expect(3, 'Bound WAREHOUSE "SNOW_WH" to the app\'s reference WAREHOUSE_REFERENCE')
    expect(3, '[connector] CONFIGURE_CONNECTOR: OK')
    // The generated connector's tester reached the sample API with the token read through the bound reference.
    expect(3, '[connection] SET_CONNECTION_CONFIGURATION: OK (Connected to http://127.0.0.1:')
    expect(3, 'Snowflake application SNOW_CONNECTOR is now STARTED (configuration FINALIZED)')
    expect(3, 'Resources of Snowflake application SNOW_CONNECTOR: 2 created')
    expect(3, '    warehouse = SNOW_WH')

    // 4: nothing to upload, the app upgraded in place from the same files, nothing to configure, resources unchanged.
    assert step(4) =~ /Stage @SNOW_CONNECTOR_PKG\.APP_SRC\.STAGE: 0 uploaded \(0 bytes\), 0 removed, [1-9]\d* unchanged/
    expect(4, "Upgraded application SNOW_CONNECTOR USING '${stage}'")
    expect(4, 'is configured already (STARTED (configuration FINALIZED)): nothing to do')
    expect(4, 'Resources of Snowflake application SNOW_CONNECTOR: up to date (nothing changed), 2 listed')

    // 5: the daily goals call the same procedures on Snowflake.
    expect(5, 'PAUSE_CONNECTOR: OK')
    expect(5, 'UPDATE_WAREHOUSE: OK')
    expect(5, 'RESUME_CONNECTOR: OK')
    expect(5, 'No ingestion runs yet for Snowflake application SNOW_CONNECTOR')

    // What the account saw: one app built from the project's jar, one secret, bound once.
    def statements = server.snowflake().applicationStatements()*.sql()
    assert statements.count { it.startsWith('CREATE APPLICATION "SNOW_CONNECTOR"') } == 1
    assert statements.count { it.startsWith('ALTER APPLICATION "SNOW_CONNECTOR" UPGRADE') } == 1
    assert statements.count { it.startsWith('CREATE OR REPLACE SECRET') } == 1
    assert server.snowflake().stageFiles(stage).keySet().contains('lib/snow-connector.jar')
    def app = server.account().app('SNOW_CONNECTOR').orElseThrow()
    assert app.boundReferences == ['API_ACCESS': '"RECORDS_API_ACCESS"', 'WAREHOUSE_REFERENCE': '"SNOW_WH"',
                                   'API_TOKEN_SECRET': '"SNOW_CONNECTOR_SECRETS"."PUBLIC"."SNOW_CONNECTOR_API_TOKEN"']

    // The token came from the environment only: no log and no file the builds or the fake wrote holds it.
    def invoker = new Properties()
    new File(basedir, 'invoker.properties').withInputStream { invoker.load(it) }
    def token = invoker.getProperty('invoker.environmentVariables.RECORDS_API_TOKEN').trim()
    basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
        if (file.name != 'invoker.properties') {
            assert !new String(file.bytes, 'ISO-8859-1').contains(token): "the token leaked into ${file}"
        }
    }
    return true
} finally {
    server?.stop()
    context.api?.close()
}
