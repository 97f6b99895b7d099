import java.util.zip.ZipFile

def app = new File(basedir, 'target/connector/app')
def setup = new File(app, 'snowflake/setup.sql').text
assert setup.contains("IMPORTS = ('/lib/connector-runtime.jar', '/lib/issues-connector.jar')")
assert setup.contains("HANDLER = 'io.connectorkit.runtime.snowflake.SnowflakeProcedures.configureConnector'")
assert setup.contains("GRANT USAGE ON PROCEDURE PUBLIC.REGISTER_REFERENCE(STRING, STRING, STRING) TO APPLICATION ROLE ADMIN;")
def manifest = new File(app, 'snowflake/manifest.yml').text
assert manifest.contains('name: "1.2.0"')
assert manifest.contains('- "API_TOKEN_SECRET":')
assert manifest.contains('object_type: "SECRET"')
assert setup.contains('CREATE OR REPLACE VIEW PUBLIC.SYNC_STATUS AS')
def local = new File(app, 'local/setup.sql').text
assert local.contains('CREATE SCHEMA IF NOT EXISTS SINK;')
assert local.contains("CREATE USER IF NOT EXISTS VIEWER PASSWORD '';")
assert local.contains('CREATE ALIAS PUBLIC.REGISTER_SECRET FOR')
assert new File(app, 'snowflake.yml').text.contains('identifier: "issues_connector_cli_pkg"')
assert new File(app, 'snowflake/lib/connector-runtime.jar').length() > 100000
assert new File(app, 'local/lib/issues-connector.jar').isFile()

def jar = new ZipFile(new File(basedir, 'target/issues-connector-1.2.0-SNAPSHOT.jar'))
assert jar.getEntry('META-INF/connectorkit/connector.json') != null
assert jar.getEntry('com/example/issues/ApiConnectionTester.class') != null
jar.close()

def zip = new ZipFile(new File(basedir, 'target/issues-connector-1.2.0-SNAPSHOT-app.zip'))
def entries = zip.entries().collect { it.name }
zip.close()
assert entries.contains('snowflake/setup.sql')
assert entries.contains('local/setup.sql')
assert entries.contains('snowflake/lib/issues-connector.jar')

def log = new File(basedir, 'build.log').text
assert log.contains('Rendered connector app issues_connector 1.2.0 into target/connector/app')
assert log.contains('Bundled connector app issues_connector into target/issues-connector-1.2.0-SNAPSHOT-app.zip')
return true
