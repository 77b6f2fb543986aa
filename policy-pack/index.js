// The policy pack `pulumi preview --policy-pack <this directory>` runs; the policies live in dist/policy.
const { PolicyPack } = require("@pulumi/policy");
const { policies } = require("../dist/policy");
new PolicyPack("heroku-squadcast", { policies });
