// Checks each step's log and what the fake account saw; stops the fake account whatever happens.
def server = context.snowflake
try {
    def step = { int n -> new File(basedir, "step-${n}.log").getText('UTF-8') }
    def expect = { int n, String text ->
        assert step(n).contains(text): "step ${n} should have logged: ${text}\n--- step-${n}.log:\n${step(n)}"
    }

    // 3: the first publish registers 1.0.0 and releases it in QA; the second changes nothing; release lists it.
    expect(3, 'Created application package PUB_CONNECTOR_PKG')
    expect(3, 'Registered version 1.0.0 (patch 0) in PUB_CONNECTOR_PKG')
    expect(3, 'Added version 1.0.0 to release channel QA')
    expect(3, 'Release directive DEFAULT of release channel QA now names version 1.0.0 patch 0')
    expect(3, 'Version 1.0.0 patch 0 holds this bundle already (no patch added)')
    expect(3, 'Version 1.0.0 patch 0 is published in release channel QA by release directive DEFAULT already (nothing changed)')
    expect(3, '  Release channel QA: versions 1.0.0')
    expect(3, '    release directive DEFAULT: version 1.0.0 patch 0 (every account of the channel)')
    assert step(3) =~ /Stage @PUB_CONNECTOR_PKG\.APP_SRC\.STAGE: 0 uploaded \(0 bytes\), 0 removed, [1-9]\d* unchanged/

    // 5: the new version joins the channel, and its default directive moves to it.
    expect(5, 'Registered version 1.1.0 (patch 0) in PUB_CONNECTOR_PKG')
    expect(5, 'Release directive DEFAULT of release channel QA now names version 1.1.0 patch 0 (it named version 1.0.0 patch 0)')
    def releases = new groovy.json.JsonSlurper().parse(new File(basedir, 'pub-connector/target/releases.json'))
    assert releases.package == 'PUB_CONNECTOR_PKG'
    assert releases.channels.find { it.name == 'QA' }.versions == ['1.0.0', '1.1.0']
    assert releases.channels.find { it.name == 'QA' }.directives == [[name: 'DEFAULT', version: '1.1.0', patch: 0, accounts: []]]

    def statements = server.snowflake().applicationStatements()*.sql()
    assert statements.count { it.contains(' REGISTER VERSION ') } == 2
    assert statements.count { it.contains(' ADD PATCH ') } == 0
    assert statements.count { it.contains(' SET DEFAULT RELEASE DIRECTIVE ') } == 2
    // The record publish keeps holds names, numbers and hashes, never the connection's password.
    def record = new File(basedir, 'pub-connector/.connector/snowflake/fake/PUB_CONNECTOR_PKG.releases').getText('UTF-8')
    assert record.contains('1.1.0=0 ')
    assert !record.contains(io.connectorkit.fake.snowflake.FakeSnowflake.PASSWORD)
    return true
} finally {
    server?.stop()
}
