// A fresh project and a fresh fake account each run (verify.groovy stops it).
new File(basedir, 'pub-connector').deleteDir()
context.snowflake = io.connectorkit.fake.snowflake.FakeSnowflakeServer.start(basedir.toPath())
return true
