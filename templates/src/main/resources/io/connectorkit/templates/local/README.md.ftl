<#include "../common/readme-body.md.ftl">

## Installing

This folder is the app for the embedded target: run `setup.sql` on an H2 database with the jars of `lib/` on the
class path of the JVM that opens it. Running it again upgrades the app in place and keeps its state.
