// Runs in the generated project's parent folder after `mvn verify` passed in the project. maven-archetype-plugin
// 3.4.1 documents a projectDir variable that its script runner does not bind, hence the fallback.
def dir = binding.hasVariable('projectDir') ? projectDir : new File(basedir, 'project').listFiles().find { it.directory }
def file = { path -> new File(dir, path) }
def text = { path -> file(path).getText('UTF-8') }

def main = 'src/main/java/com/example/demo/'
['RecordsApiClient', 'RecordsApiException', 'RecordsConnectionTester', 'RecordsIngestion', 'DatasetResourceHooks']
        .each { assert file(main + it + '.java').isFile() }
assert text(main + 'RecordsApiClient.java').startsWith('package com.example.demo;\n')

// Velocity left the YAML's comments and the kit's placeholders alone.
def configuration = text('src/main/connector/configuration.yaml')
assert configuration.contains('  base_url: ${api.url}                 # the pom\'s api.url;')
assert configuration.contains('  api_token: ${env.RECORDS_API_TOKEN}  # a secret: only ever a placeholder')
assert configuration.startsWith('# What connector:configure and connector:resources apply to the app')
assert configuration.contains('  warehouse: DEMO_CONNECTOR_WH\n')
assert text('src/main/connector/configuration-snowflake.yaml').contains('  warehouse: ${env.SNOWFLAKE_WAREHOUSE}\n')
def descriptor = text('src/main/connector/connector.yaml')
assert descriptor.startsWith('# The connector\'s descriptor')
assert descriptor.contains('  name: demo_connector\n  label: "demo-connector"\n')
assert descriptor.contains('  ingestion: com.example.demo.RecordsIngestion\n')
def readme = text('README.md')
assert readme.startsWith('# demo-connector\n')
assert readme.contains('\n## Build and test\n') && readme.contains('`${env.RECORDS_API_TOKEN}`')
assert text('.gitignore') == 'target/\n.connector/\n'

// The kit's Maven Wrapper, pinned to the kit's own Maven, and runnable as ./mvnw (it/src/it/generated-embedded-flow
// builds a generated project through it).
def kit = basedir
while (!new File(kit, 'archetype/pom.xml').isFile()) { kit = kit.parentFile }
['mvnw', 'mvnw.cmd', '.mvn/wrapper/maven-wrapper.properties'].each { path ->
    assert file(path).bytes == new File(kit, path).bytes: "${path} differs from the kit's"
}
assert text('.mvn/wrapper/maven-wrapper.properties') =~ /(?m)^distributionUrl=.*\/apache-maven-\d+\.\d+\.\d+-bin\.zip$/
assert file('mvnw').canExecute(): 'the generated mvnw is not executable'

// The kit's pinned versions, taken when the archetype was built.
def pom = text('pom.xml')
assert !pom.contains('@') : 'an @...@ token of the archetype build was left in the pom'
assert pom =~ /<connector-kit.version>\d+\.\d+\.\d+(-SNAPSHOT)?<\/connector-kit.version>/
assert pom.contains('<version>${connector-kit.version}</version>')
assert pom =~ /<project.build.outputTimestamp>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/project.build.outputTimestamp>/

// What mvn verify did: the tests ran and passed, and the app was bundled.
def log = text('build.log')
assert log =~ /Tests run: 7, Failures: 0, Errors: 0, Skipped: 0.*RecordsApiClientTest/
assert log =~ /Tests run: 4, Failures: 0, Errors: 0, Skipped: 0.*ConnectorFlowTest/
assert file('target/classes/META-INF/connectorkit/connector.json').isFile()
assert file('target/demo-connector-1.0.0-SNAPSHOT-app.zip').isFile()
assert file('target/connector/app/snowflake/manifest.yml').text.contains('manifest_version: 2')
assert file('target/connector/app/snowflake/manifest.yml').text.contains('CREATE EXTERNAL ACCESS INTEGRATION')
assert file('target/connector/app/snowflake/setup.sql').text.contains('ALTER APPLICATION SET SPECIFICATION "API_ACCESS"')
return true
