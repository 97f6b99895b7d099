// Stops the sample API and says where things are; the quickstart fails if nothing was ingested.
try {
    def project = new File(basedir, 'demo-connector')
    def chart = new File(project, 'target/connector/stats.html')
    assert chart.isFile(): "connector:stats wrote no ${chart}"
    assert !chart.text.contains('; 0 rows in total'): 'nothing was ingested'
    println """
The demo connector ran end to end on the embedded target.
  project:      ${project}
  hourly chart: ${chart}
  app:          ${new File(project, '.connector/local')}
Go on from there (the kit's artifacts are in the quickstart's own repository), e.g.:
  cd ${project}
  ${new File(basedir, '../../../../mvnw').canonicalPath} -o -Dmaven.repo.local=${localRepositoryPath} \\
      -Dconnectorkit.embedded.secretKey=../embedded-secrets.key connector:status
"""
    return true
} finally {
    context.get('api')?.close()
}
