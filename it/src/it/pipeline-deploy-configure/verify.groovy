def token = 'it-token-7f3c9e51-never-in-a-file'
def log = new File(basedir, 'build.log').text

assert log.contains('Deployed connector app pipeline_connector 1.2.0 to the embedded target')
assert log.contains('[prerequisites] MARK_ALL_PREREQUISITES_AS_DONE: OK')
assert log.contains('[connection] SET_CONNECTION_CONFIGURATION: OK (Reached https://issues.example.com/api with a token of 33 characters)')
assert log.contains('embedded app pipeline_connector is now STARTED (configuration FINALIZED)')

// The second run: nothing to deploy, nothing to configure.
assert log.contains('Connector app pipeline_connector 1.2.0 is up to date on the embedded target (nothing changed)')
assert log.contains('embedded app pipeline_connector is configured already (STARTED (configuration FINALIZED)) and its connector configuration matches configuration.yaml: nothing to do')
assert log.contains('    api_token = ********')
assert log.contains('    warehouse = PIPELINE_WH')

assert !log.contains(token)
def leaking = []
// The test's own inputs hold the token; everything the build wrote must not (the app's database included).
def inputs = ['invoker.properties', 'verify.groovy'].collect { new File(basedir, it) }
basedir.eachFileRecurse(groovy.io.FileType.FILES) { file ->
    if (!inputs.contains(file) && new String(file.bytes, 'ISO-8859-1').contains(token)) {
        leaking << file
    }
}
assert leaking.isEmpty() : "the token is in ${leaking}"
return true
