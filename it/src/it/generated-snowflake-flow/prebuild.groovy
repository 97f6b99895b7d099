// A fresh project each run. On the fake account (verify.groovy stops it): the fake and the sample API its connector
// reaches; on a real one nothing starts. Either way the builds get the connection (and what differs) as -D properties.
new File(basedir, 'snow-connector').deleteDir()
def account = context.account
if (!account.live()) {
    context.api = io.connectorkit.it.sample.InvokerHooks.startSampleApi(basedir.toPath())
    context.snowflake = io.connectorkit.fake.snowflake.FakeSnowflakeServer.start(basedir.toPath())
}
context.userProperties.putAll(account.userProperties())
return true
