def log = new File(basedir, 'build.log').text
def message = "-DappName='Bad-Name' is not the Snowflake app name"
assert log.contains(message): "the build should say: ${message}\n${log}"
assert log.contains('-DappName=orders_connector'): 'the message should show a valid name'
assert !new File(basedir, 'bad-connector').exists(): 'a refused generation left bad-connector/ behind'
return true
