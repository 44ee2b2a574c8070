// Derives tests/hostile/sweep/parameters.json from the AWS service models (botocore's
// iam/2010-05-08 and sts/2011-06-15 service-2.json): for every operation, every input member as
// the Query protocol writes it (lists as Name.member.1, structures as Name.Field, maps as
// Name.entry.1.key), with its type, length bounds, pattern and enum. Facts only, no documentation.
// Usage: node derive-parameters.mjs IAM_MODEL.json STS_MODEL.json OUTPUT.json
import fs from "node:fs";

const [iamPath, stsPath, outputPath] = process.argv.slice(2);

function slots(model, shapeName, prefix, depth, out, required) {
  const shape = model.shapes[shapeName];
  if (depth > 4) return;
  switch (shape.type) {
    case "structure":
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        slots(model, member.shape, prefix ? `${prefix}.${name}` : name, depth + 1, out, required && (shape.required ?? []).includes(name));
      }
      return;
    case "list":
      slots(model, shape.member.shape, `${prefix}.member.1`, depth + 1, out, required);
      return;
    case "map":
      slots(model, shape.key.shape, `${prefix}.entry.1.key`, depth + 1, out, required);
      slots(model, shape.value.shape, `${prefix}.entry.1.value`, depth + 1, out, required);
      return;
    default: {
      const slot = { key: prefix, type: shape.type, shape: shapeName };
      if (required) slot.required = true;
      for (const k of ["min", "max", "pattern", "enum"]) if (shape[k] !== undefined) slot[k] = shape[k];
      out.push(slot);
    }
  }
}

function derive(model) {
  const operations = {};
  for (const [name, operation] of Object.entries(model.operations).sort(([a], [b]) => a.localeCompare(b))) {
    const out = [];
    if (operation.input) slots(model, operation.input.shape, "", 0, out, true);
    operations[name] = out;
  }
  return { apiVersion: model.metadata.apiVersion, operations };
}

const iam = JSON.parse(fs.readFileSync(iamPath, "utf8"));
const sts = JSON.parse(fs.readFileSync(stsPath, "utf8"));
const result = {
  _source: "Derived by tests/e2e/js/hostile/derive-parameters.mjs from the AWS service models (botocore commit 0e6e2404, 2026-08-07; Apache-2.0 model data, documentation omitted)",
  iam: derive(iam),
  sts: derive(sts),
};
fs.writeFileSync(outputPath, JSON.stringify(result, null, 1) + "\n");
console.log(JSON.stringify({ iam: Object.keys(result.iam.operations).length, sts: Object.keys(result.sts.operations).length }));
