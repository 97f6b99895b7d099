// A fresh project each run; the sample API its connector reaches, and one fake account for every step
// (verify.groovy stops both).
new File(basedir, 'snow-connector').deleteDir()
context.api = io.connectorkit.it.sample.InvokerHooks.startSampleApi(basedir.toPath())
context.snowflake = io.connectorkit.fake.snowflake.FakeSnowflakeServer.start(basedir.toPath())
return true
