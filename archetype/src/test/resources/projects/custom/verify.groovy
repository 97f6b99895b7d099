// Runs in the generated project's parent folder after `mvn verify` passed in the project. maven-archetype-plugin
// 3.4.1 documents a projectDir variable that its script runner does not bind, hence the fallback.
def dir = binding.hasVariable('projectDir') ? projectDir : new File(basedir, 'project').listFiles().find { it.directory }
def file = { path -> new File(dir, path) }
def text = { path -> file(path).getText('UTF-8') }

def main = 'src/main/java/org/acme/data/ingest/orders/'
def test = 'src/test/java/org/acme/data/ingest/orders/'
assert text(main + 'RecordsIngestion.java').startsWith('package org.acme.data.ingest.orders;\n')
assert text(test + 'ConnectorFlowTest.java').startsWith('package org.acme.data.ingest.orders;\n')
assert !file('src/main/java/com').exists()

def descriptor = text('src/main/connector/connector.yaml')
assert descriptor.contains('  name: acme_orders_v2\n  label: "Acme orders (records API)"\n')
assert descriptor.contains('  connectionTester: org.acme.data.ingest.orders.RecordsConnectionTester\n')
assert text('src/main/connector/configuration.yaml').contains('  destination_database: ACME_ORDERS_V2_DATA\n')
assert text('pom.xml').contains('<artifactId>acme-orders</artifactId>\n  <version>0.3.0-SNAPSHOT</version>')
assert text('README.md').startsWith('# Acme orders (records API)\n')

def log = text('build.log')
assert log =~ /Tests run: 4, Failures: 0, Errors: 0, Skipped: 0.*ConnectorFlowTest/
assert file('target/connector/app/snowflake/setup.sql').isFile()
assert file('target/acme-orders-0.3.0-SNAPSHOT-app.zip').isFile()
// -DapiHost: the host the app's API_ACCESS specification and network rule name.
assert file('target/connector/app/snowflake/setup.sql').text.contains("HOST_PORTS = ('records.acme.io:8443');")
return true
