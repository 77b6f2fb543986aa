"use strict";
// A plain JavaScript program, as `pulumi new javascript` makes, using the package as installed.
const { HerokuSquadcastIntegration } = require("pulumi-heroku-squadcast");

const orders = new HerokuSquadcastIntegration("orders", {
  app: "orders-app",
  service: { name: "orders", team: "Default Team" },
  entities: ["api:build", "dyno"],
});

exports.webhookId = orders.webhookId;
exports.entities = orders.entities;
exports.webhookUrl = orders.webhookUrl;
