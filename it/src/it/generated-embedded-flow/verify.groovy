// Checks each step's own log (-l step-N.log) and what the flow left behind; the sample API is stopped whatever happens.
try {
    def step = { int n -> new File(basedir, "step-${n}.log").getText('UTF-8') }
    def expect = { int n, String text ->
        assert step(n).contains(text): "step ${n} should have logged: ${text}\n--- step-${n}.log:\n${step(n)}"
    }
    // A -q step logs the JSON document alone.
    // connector.outputFile: the same document on Maven 3 and on Maven 4, whose log takes a plugin's standard output.
    def json = { int n -> new File(basedir, "status-${n}.json").getText('UTF-8').trim() }
    def ingested = io.connectorkit.it.sample.SampleRecordsApi.ORDERS + io.connectorkit.it.sample.SampleRecordsApi.CUSTOMERS
    def totalLine = { int n ->
        assert step(n) =~ /\[INFO\]   total +${ingested}\n/: "step ${n} should show ${ingested} rows in all:\n${step(n)}"
    }

    // 1: README's "Start a connector project" generates with exactly these archetype arguments, and builds with
    // ./mvnw (step 2 runs through it: invoker.mavenExecutable.2).
    def invoker = new Properties()
    new File(basedir, 'invoker.properties').withInputStream { invoker.load(it) }
    def archetypeArguments = { String command -> (command =~ /-D(archetype\w+|groupId|artifactId|package|interactiveMode)=\S+/)*.getAt(0) }
    def kit = basedir
    while (!new File(kit, 'archetype/pom.xml').isFile()) { kit = kit.parentFile }
    def readme = new File(kit, 'README.md').getText('UTF-8')
    def start = readme.substring(readme.indexOf('## Start a connector project'), readme.indexOf('## Modules'))
    assert archetypeArguments(start) == archetypeArguments(invoker.getProperty('invoker.goals.1').replace('${kit.version}', kitVersion)):
            "README's archetype:generate and this IT's step 1 differ:\n${start}"
    assert start.contains('./mvnw -B install -DskipTests ') && start.contains('\ncd orders-connector\n./mvnw verify ')
    assert new File(basedir, 'orders-connector/mvnw').canExecute()
    assert new File(basedir, 'build.log').getText('UTF-8') =~ /found existing MAVEN_HOME at |Couldn't find MAVEN_HOME, downloading/:
            'step 2 did not run through the generated ./mvnw'

    // 2: generated project verified, deployed, configured, resources created, ingested, status and stats shown.
    expect(2, 'Tests run:')
    expect(2, 'Deployed connector app')
    expect(2, '[finalize] FINALIZE_CONNECTOR_CONFIGURATION: OK')
    expect(2, 'STARTED')
    expect(2, 'Ingested rows per hour (UTC)')
    totalLine(2)
    expect(2, "orders: ${io.connectorkit.it.sample.SampleRecordsApi.ORDERS} rows in 1 run")

    // 3: rebuilt from nothing (clean), the project's jar has the same bytes (project.build.outputTimestamp), so the
    // deploy changes nothing and does not open the app; then paused, nothing ingested, warehouse moved, resumed.
    expect(3, 'Bundled connector app orders_connector into')
    expect(3, 'Connector app orders_connector 1.0.0 is up to date on the embedded target (nothing changed)')
    expect(3, 'Its status: mvn connector:status (a deploy that changes nothing does not open the app)')
    expect(3, 'PAUSE_CONNECTOR: OK')
    expect(3, 'UPDATE_WAREHOUSE: OK')
    expect(3, 'RESUME_CONNECTOR: OK')

    // 5: the newer version is deployed over the app: state and ingested rows kept, nothing ingested twice.
    expect(5, 'Upgraded connector app orders_connector to 1.1.0 on the embedded target in .connector/local/orders_connector: its state, configuration, resources and ingested rows were kept')
    expect(5, 'changed: snowflake/lib/orders-connector.jar, local/lib/orders-connector.jar')
    expect(5, 'None is due.')
    totalLine(5)
    def status = new groovy.json.JsonSlurper().parseText(json(6))
    assert status.status == 'STARTED' && status.configurationStatus == 'FINALIZED': json(6)
    assert json(6).contains('NIGHTLY_WH'): "the warehouse set in step 3 survives the upgrade: ${json(6)}"

    // 7: a bad configuration file fails the build with its message, and 8 shows the app unchanged.
    expect(7, 'bad-configuration.yaml:16')
    expect(7, 'scheduleDefinition')
    expect(7, 'enabeld')
    expect(7, 'BUILD FAILURE')
    assert json(8) == json(6): "a refused configuration file changed the app:\n${json(6)}\n${json(8)}"

    // 9: undeployed, nothing left of the app.
    expect(9, 'Undeployed the embedded app')
    def apps = new File(basedir, 'orders-connector/.connector/local')
    assert !apps.exists() || apps.listFiles().findAll { it.isDirectory() }.isEmpty(): "left behind: ${apps.list()}"

    // 10: the help goal describes a goal's parameters with their properties.
    expect(10, 'connector.hours')

    // The token came from the environment only: no log and no file the builds wrote holds it.
    def token = invoker.getProperty('invoker.environmentVariables.RECORDS_API_TOKEN').trim()
    basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
        if (file.name != 'invoker.properties' && file.length() < 50_000_000) {
            assert !file.getText('ISO-8859-1').contains(token): "the token leaked into ${file}"
        }
    }
    return true
} finally {
    context.get('api')?.close()
}
