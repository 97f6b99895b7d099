// Stops the sample API and says where things are; the quickstart fails if nothing was ingested, or if the command it
// prints for going on does not work.
try {
    def project = new File(basedir, 'demo-connector')
    def chart = new File(project, 'target/connector/stats.html')
    assert chart.isFile(): "connector:stats wrote no ${chart}"
    assert !chart.text.contains('; 0 rows in total'): 'nothing was ingested'

    // The quickstart's repository records its artifacts as coming from the repository id of the invoker's settings
    // (_remote.repositories), so an offline build must name the same id: a copy of those settings, kept, because the
    // invoker deletes its own after the run.
    def invokerSettings = new File(basedir.parentFile, 'interpolated-settings.xml')
    assert invokerSettings.isFile(): "maven-invoker-plugin wrote no ${invokerSettings}: where are the quickstart's settings?"
    def settings = new File(basedir, 'quickstart-settings.xml')
    settings.bytes = invokerSettings.bytes
    def goOn = ['./mvnw', '-B', '-o', '-s', settings.canonicalPath, "-Dmaven.repo.local=${localRepositoryPath}".toString(),
                '-Dconnectorkit.embedded.secretKey=../embedded-secrets.key', 'connector:status']
    def goOnLog = new File(basedir, 'go-on.log')
    def status = new ProcessBuilder(goOn).directory(project).redirectErrorStream(true).redirectOutput(goOnLog).start()
    assert status.waitFor() == 0 && goOnLog.text.contains('STARTED'):
            "the command the quickstart prints failed in ${project}:\n${goOn.join(' ')}\n${goOnLog.text}"

    println """
The demo connector ran end to end on the embedded target.
  project:      ${project}
  hourly chart: ${chart}
  app:          ${new File(project, '.connector/local')}
Go on from there with the project's own Maven Wrapper (the kit's artifacts are in the quickstart's own repository), e.g.:
  cd ${project}
  ${goOn.take(5).join(' ')} \\
      ${goOn.drop(5).join(' ')}
"""
    return true
} finally {
    context.get('api')?.close()
}
