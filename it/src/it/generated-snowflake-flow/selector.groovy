// Fake or real account (it/pom.xml's snowflakeAccount, 'live' under -Plive); the hooks after this one read the choice.
// Under -Plive without a usable connection the flow is skipped, with the reason on the console and in build.log.
def account = io.connectorkit.it.snowflake.FlowAccount.choose(snowflakeAccount, System.properties, System.getenv(),
        java.nio.file.Path.of(System.getProperty('user.home')))
context.account = account
if (account.skipLine().isPresent()) {
    println account.skipLine().get()
    org.slf4j.LoggerFactory.getLogger('generated-snowflake-flow').warn(account.skipLine().get())
    return false
}
return true
