// The generated .NET SDK (sdk/dotnet), checked without a .NET toolchain (none here): its project file is
// well-formed XML naming the Pulumi package, and each resource and component of the schema is a C# class
// that registers the schema's token (a component as remote) with an Args class whose [Input]s are the
// schema's inputs. Compiling it (`dotnet build`) and running it are not checked here.
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, run } from "./run-tool";

const DOTNET = path.join(ROOT, "sdk/dotnet");
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as {
  resources: Record<string, { isComponent?: boolean; inputProperties?: Record<string, unknown> }>;
};

/** `heroku-squadcast:heroku:AppWebhook` → `Heroku/AppWebhook.cs`; the index module is the root. */
function sourceFileOf(token: string): string {
  const [, module, type] = token.split(":");
  const folder = module === "index" ? "" : module.charAt(0).toUpperCase() + module.slice(1);
  return path.join(DOTNET, folder, `${type}.cs`);
}

test("the project file parses and references the Pulumi package", () => {
  const [project] = fs.readdirSync(DOTNET).filter((file) => file.endsWith(".csproj"));
  const parse = run(
    "python3",
    [
      "-c",
      "import json, sys, xml.etree.ElementTree as ET; root = ET.parse(sys.argv[1]).getroot(); " +
        "print(json.dumps({'sdk': root.get('Sdk'), 'framework': root.findtext('.//TargetFramework'), " +
        "'references': {r.get('Include'): r.get('Version') for r in root.iter('PackageReference')}}))",
      path.join(DOTNET, project),
    ],
    { cwd: ROOT },
  );
  expect({ status: parse.status, project: JSON.parse(parse.stdout || "null") }).toEqual({
    status: 0,
    project: {
      sdk: "Microsoft.NET.Sdk",
      framework: expect.any(String),
      references: expect.objectContaining({ Pulumi: "3.*" }),
    },
  });
});

test.each(Object.entries(schema.resources))("%s is a C# class with the schema's token and inputs", (token, spec) => {
  const source = fs.readFileSync(sourceFileOf(token), "utf8");
  const type = token.split(":")[2];
  const registration = new RegExp(`: base\\("${token}", name, .*?\\)(, remote: true)?\\)?$`, "m").exec(source);
  const inputs = [...source.matchAll(/\[Input\("(\w+)"/g)].map((match) => match[1]);
  expect({
    base: new RegExp(`public partial class ${type} : global::Pulumi\\.(\\w+)`).exec(source)?.[1],
    registered: registration !== null,
    remote: registration?.[1] !== undefined,
    inputs: [...new Set(inputs)].sort(),
  }).toEqual({
    base: spec.isComponent ? "ComponentResource" : "CustomResource",
    registered: true,
    remote: spec.isComponent === true,
    inputs: Object.keys(spec.inputProperties ?? {}).sort(),
  });
});
