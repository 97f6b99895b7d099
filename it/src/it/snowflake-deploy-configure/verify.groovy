def token = 'it-token-5d21b8e4-only-in-memory'
def stage = '@"ISSUES_CONNECTOR_PKG".APP_SRC.STAGE'
def server = context.snowflake
try {
    def log = new File(basedir, 'build.log').text

    assert log.contains('Connecting to account fake_account as fake_user with SNOWFLAKE (from .snowflake/connections.toml [fake])')
    assert log.contains('Created application package ISSUES_CONNECTOR_PKG')
    assert log.contains("Created application ISSUES_CONNECTOR USING '${stage}'")
    assert log.contains('[prerequisites] MARK_ALL_PREREQUISITES_AS_DONE: OK')
    assert log.contains('[connector] CONFIGURE_CONNECTOR: OK (Connector successfully configured.)')
    // The uploaded connector's own tester answers, reading the token through the bound reference.
    assert log.contains('[connection] SET_CONNECTION_CONFIGURATION: OK (Reached https://issues.example.com/api with a token of 32 characters)')
    assert log.contains('[finalize] FINALIZE_CONNECTOR_CONFIGURATION: OK')
    assert log.contains('Snowflake application ISSUES_CONNECTOR is now STARTED (configuration FINALIZED)')

    // The second run: nothing to upload, the app upgraded in place from the same files, nothing to configure.
    assert log =~ /Stage @ISSUES_CONNECTOR_PKG\.APP_SRC\.STAGE: 0 uploaded \(0 bytes\), 0 removed, [1-9]\d* unchanged/
    assert log.contains("Upgraded application ISSUES_CONNECTOR USING '${stage}'")
    assert log.contains('Snowflake application ISSUES_CONNECTOR is configured already (STARTED (configuration FINALIZED)): nothing to do')
    assert log.contains('    api_token = ********')
    assert log.contains('    warehouse = ISSUES_WH')

    // What the account saw: one app, built from the project's jar, one secret bound once.
    def statements = server.snowflake().applicationStatements()*.sql()
    assert statements.count { it.startsWith('CREATE APPLICATION "ISSUES_CONNECTOR"') } == 1
    assert statements.count { it.startsWith('ALTER APPLICATION "ISSUES_CONNECTOR" UPGRADE') } == 1
    assert statements.count { it.startsWith('CREATE OR REPLACE SECRET') } == 1
    assert server.snowflake().stageFiles(stage).keySet().contains('lib/issues-connector.jar')
    def app = server.account().app('ISSUES_CONNECTOR').orElseThrow()
    assert app.boundReferences == ['API_TOKEN_SECRET': '"ISSUES_CONNECTOR_SECRETS"."PUBLIC"."ISSUES_CONNECTOR_API_TOKEN"']

    assert !log.contains(token)
    def leaking = []
    // The test's own inputs hold the token; nothing the builds or the fake wrote may.
    def inputs = ['invoker.properties', 'verify.groovy'].collect { new File(basedir, it) }
    basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
        if (!inputs.contains(file) && new String(file.bytes, 'ISO-8859-1').contains(token)) {
            leaking << file
        }
    }
    assert leaking.isEmpty() : "the token is in ${leaking}"
    return true
} finally {
    server.stop()
}
