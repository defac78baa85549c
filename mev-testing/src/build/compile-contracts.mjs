#!/usr/bin/env node
// Builds the contract artifacts the mevkit tests deploy on anvil.
//
// Usage: node mev-testing/src/build/compile-contracts.mjs --root <repoRoot> --src <solDir> --out <outDir>
//
// 1. Compiles every .sol file under --src with solc-js (the `solc` npm package installed under
//    <repoRoot>/node_modules): standard JSON, optimizer on (200 runs), evmVersion cancun.
//    Errors are fatal (exit 1); warnings are printed. Contracts without bytecode (interfaces,
//    abstract contracts) are not written.
// 2. Copies prebuilt Uniswap artifacts from the npm packages (not recompiled).
//
// Every artifact is written as <outDir>/<ContractName>.json:
//   {"contractName", "origin", "abi", "bytecode": "0x...", "deployedBytecode": "0x..."}
// origin is "mevkit" for compiled contracts and "<npm package>@<version>" for copied ones.
//
// Nothing is done when every output is newer than every input (sources, this script, the
// packages' files, the solc package); the set of outputs is recorded in <outDir>/.manifest.json.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import path from 'node:path';

const ORIGIN = 'mevkit';
const MANIFEST = '.manifest.json';
const MANIFEST_FORMAT = 1;
const SOLC_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: {
    '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] },
  },
};

// Prebuilt artifacts: [npm package, path inside the package].
const PREBUILT = [
  ['@uniswap/v2-core', 'build/UniswapV2Factory.json'],
  ['@uniswap/v2-core', 'build/UniswapV2Pair.json'],
  ['@uniswap/v2-periphery', 'build/UniswapV2Router02.json'],
  ['@uniswap/v2-periphery', 'build/WETH9.json'],
  ['@uniswap/v2-periphery', 'build/DeflatingERC20.json'],
  ['@uniswap/v3-core', 'artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json'],
  ['@uniswap/v3-core', 'artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json'],
  ['@uniswap/v3-periphery', 'artifacts/contracts/SwapRouter.sol/SwapRouter.json'],
  ['@uniswap/v3-periphery', 'artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json'],
  ['@uniswap/v3-periphery', 'artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json'],
  ['@uniswap/v3-periphery', 'artifacts/contracts/lens/TickLens.sol/TickLens.json'],
];

class BuildError extends Error {}

function fail(message) {
  throw new BuildError(message);
}

function parseArgs(argv) {
  const usage =
    'usage: node compile-contracts.mjs --root <repoRoot> --src <dir with .sol files> --out <outDir>';
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    if (key === '-h' || key === '--help') {
      console.log(usage);
      process.exit(0);
    }
    if (!['--root', '--src', '--out'].includes(key)) fail(`unknown argument ${key}\n${usage}`);
    const value = argv[++i];
    if (value === undefined || value.startsWith('--')) fail(`${key} needs a value\n${usage}`);
    args[key.slice(2)] = path.resolve(value);
  }
  for (const key of ['root', 'src', 'out']) {
    if (!args[key]) fail(`--${key} is required\n${usage}`);
  }
  if (!isDirectory(args.root)) fail(`--root ${args.root} is not a directory`);
  if (!isDirectory(args.src)) fail(`--src ${args.src} is not a directory`);
  return args;
}

function isDirectory(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function mtimeMs(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return undefined;
  }
}

/** All .sol files under dir, as sorted forward-slash paths relative to dir. */
function findSolidity(dir) {
  const found = [];
  const walk = (rel) => {
    const entries = fs.readdirSync(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && e.name.endsWith('.sol')) found.push(child);
    }
  };
  walk('');
  return found.sort();
}

/** Locates an npm package's directory, starting from the repository root. */
function packageDir(requireFromRoot, root, name) {
  try {
    return path.dirname(requireFromRoot.resolve(`${name}/package.json`));
  } catch {
    const guess = path.join(root, 'node_modules', ...name.split('/'));
    if (fs.existsSync(path.join(guess, 'package.json'))) return guess;
    fail(`npm package ${name} is not installed under ${root}/node_modules (run npm ci in ${root})`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`);
  }
}

function hex(value, what) {
  if (typeof value !== 'string') fail(`${what}: bytecode missing`);
  const body = value.startsWith('0x') || value.startsWith('0X') ? value.slice(2) : value;
  if (body.includes('__')) fail(`${what}: bytecode has unlinked library references`);
  if (!/^[0-9a-fA-F]*$/.test(body) || body.length % 2 !== 0) fail(`${what}: bytecode is not hex`);
  return `0x${body.toLowerCase()}`;
}

function artifact(contractName, origin, abi, bytecode, deployedBytecode) {
  return {
    contractName,
    origin,
    abi,
    bytecode: hex(bytecode, `${contractName} bytecode`),
    deployedBytecode: hex(deployedBytecode, `${contractName} deployedBytecode`),
  };
}

/** Reads the prebuilt artifacts' locations and origins (cheap; no artifact is parsed). */
function prebuiltInputs(requireFromRoot, root) {
  const packages = new Map();
  const inputs = [];
  for (const [pkg, rel] of PREBUILT) {
    if (!packages.has(pkg)) {
      const dir = packageDir(requireFromRoot, root, pkg);
      const meta = readJson(path.join(dir, 'package.json'));
      packages.set(pkg, { dir, origin: `${meta.name}@${meta.version}`, manifest: path.join(dir, 'package.json') });
    }
    const { dir, origin, manifest } = packages.get(pkg);
    const file = path.join(dir, ...rel.split('/'));
    if (!fs.existsSync(file)) fail(`prebuilt artifact ${pkg}/${rel} is missing (expected ${file})`);
    inputs.push({ file, origin, manifest, name: path.basename(rel, '.json'), label: `${pkg}/${rel}` });
  }
  return inputs;
}

/** Normalizes a Waffle/solc build file (v2) or a Hardhat artifact (v3). */
function normalizePrebuilt({ file, origin, name, label }) {
  const json = readJson(file);
  if (!Array.isArray(json.abi)) fail(`${label}: no abi array`);
  const bytecode = json.bytecode ?? json.evm?.bytecode?.object;
  const deployed = json.deployedBytecode ?? json.evm?.deployedBytecode?.object;
  const linkRefs = [json.linkReferences, json.deployedLinkReferences, json.evm?.bytecode?.linkReferences,
    json.evm?.deployedBytecode?.linkReferences];
  if (linkRefs.some((refs) => refs && Object.keys(refs).length > 0)) fail(`${label}: needs library linking`);
  const contractName = typeof json.contractName === 'string' ? json.contractName : name;
  if (contractName !== name) fail(`${label}: contractName is ${contractName}, expected ${name}`);
  // Hardhat artifacts store bytecode as strings; some solc outputs nest objects.
  const unwrap = (v) => (v && typeof v === 'object' ? v.object : v);
  const a = artifact(name, origin, json.abi, unwrap(bytecode), unwrap(deployed));
  if (a.bytecode === '0x') fail(`${label}: empty bytecode`);
  return a;
}

function compile(solc, src, files) {
  const sources = {};
  for (const rel of files) sources[rel] = { content: fs.readFileSync(path.join(src, rel), 'utf8') };
  const input = { language: 'Solidity', sources, settings: SOLC_SETTINGS };
  const findImports = (importPath) => {
    const candidate = path.resolve(src, importPath);
    if (candidate.startsWith(src + path.sep) && fs.existsSync(candidate)) {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    }
    return { error: `import ${importPath} not found under ${src}` };
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const diagnostics = output.errors ?? [];
  const errors = diagnostics.filter((d) => d.severity === 'error');
  for (const d of diagnostics.filter((x) => x.severity !== 'error')) {
    console.warn((d.formattedMessage ?? d.message).trimEnd());
  }
  if (errors.length > 0) {
    for (const d of errors) console.error((d.formattedMessage ?? d.message).trimEnd());
    fail(`solc ${solc.version()}: ${errors.length} error(s)`);
  }
  const artifacts = [];
  const seen = new Map();
  for (const [unit, contracts] of Object.entries(output.contracts ?? {})) {
    for (const [name, c] of Object.entries(contracts)) {
      const bytecode = c.evm?.bytecode?.object ?? '';
      if (bytecode === '') continue; // interface or abstract contract
      if (seen.has(name)) fail(`contract name ${name} is defined in both ${seen.get(name)} and ${unit}`);
      seen.set(name, unit);
      artifacts.push(artifact(name, ORIGIN, c.abi, bytecode, c.evm.deployedBytecode.object));
    }
  }
  return artifacts;
}

function writeAtomically(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

function readManifest(out) {
  try {
    const m = JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8'));
    return m && m.format === MANIFEST_FORMAT && Array.isArray(m.outputs) ? m : undefined;
  } catch {
    return undefined;
  }
}

function main() {
  const { root, src, out } = parseArgs(process.argv.slice(2));
  const requireFromRoot = createRequire(path.join(root, 'package.json'));

  const solFiles = findSolidity(src);
  if (solFiles.length === 0) fail(`no .sol files under ${src}`);
  const solcManifest = path.join(packageDir(requireFromRoot, root, 'solc'), 'package.json');
  const prebuilt = prebuiltInputs(requireFromRoot, root);

  // Up-to-date check: same sources and options as last time, every recorded output present,
  // and the oldest output newer than the newest input.
  const inputs = [
    fileURLToPath(import.meta.url),
    solcManifest,
    ...solFiles.map((f) => path.join(src, f)),
    ...prebuilt.flatMap((p) => [p.file, p.manifest]),
  ];
  const newestInput = Math.max(...inputs.map((f) => mtimeMs(f) ?? Infinity));
  const previous = readManifest(out);
  if (
    previous &&
    previous.src === src &&
    JSON.stringify(previous.sources) === JSON.stringify(solFiles) &&
    JSON.stringify(previous.settings) === JSON.stringify(SOLC_SETTINGS)
  ) {
    const outputTimes = [MANIFEST, ...previous.outputs].map((f) => mtimeMs(path.join(out, f)));
    if (outputTimes.every((t) => t !== undefined && t > newestInput)) {
      console.log(
        `up to date: ${previous.compiled} contracts, ${previous.copied} artifacts -> ${out}`,
      );
      return;
    }
  }

  const solc = requireFromRoot('solc');
  const compiled = compile(solc, src, solFiles);
  const copied = prebuilt.map(normalizePrebuilt);

  const byName = new Map();
  for (const a of [...compiled, ...copied]) {
    if (byName.has(a.contractName)) {
      fail(`two artifacts are named ${a.contractName} (${byName.get(a.contractName).origin}, ${a.origin})`);
    }
    byName.set(a.contractName, a);
  }

  fs.mkdirSync(out, { recursive: true });
  const outputs = [...byName.keys()].sort().map((n) => `${n}.json`);
  for (const a of byName.values()) {
    writeAtomically(path.join(out, `${a.contractName}.json`), `${JSON.stringify(a)}\n`);
  }
  // Remove artifacts this script wrote before that no longer exist (e.g. a deleted contract).
  for (const stale of previous?.outputs ?? []) {
    if (!outputs.includes(stale) && /^[A-Za-z0-9_$]+\.json$/.test(stale)) {
      fs.rmSync(path.join(out, stale), { force: true });
    }
  }
  const manifest = {
    format: MANIFEST_FORMAT,
    solc: solc.version(),
    src,
    sources: solFiles,
    settings: SOLC_SETTINGS,
    compiled: compiled.length,
    copied: copied.length,
    outputs,
  };
  writeAtomically(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`compiled ${compiled.length} contracts, copied ${copied.length} artifacts -> ${out}`);
}

try {
  main();
} catch (e) {
  console.error(`compile-contracts: ${e instanceof BuildError ? e.message : e.stack ?? e}`);
  process.exit(1);
}
