import io.connectorkit.fake.snowflake.FakeSnowflakeServer

// One account for both builds of invoker.properties, in this JVM; verify.groovy stops it.
context.snowflake = FakeSnowflakeServer.start(basedir.toPath())
return true
