// Calls the Conduit API named by ?api=... with fetch, as a browser page on another origin does:
// JSON bodies and the Authorization header make every call but the first a CORS preflight.
"use strict";

const api = new URLSearchParams(location.search).get("api");
let token = null;

const $ = (id) => document.getElementById(id);
$("api").textContent = api;

async function call(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Token ${token}`;
  const response = await fetch(`${api}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = await response.json();
  if (!response.ok) throw new Error(`${response.status} ${JSON.stringify(payload.errors)}`);
  return payload;
}

function credentials() {
  return { email: $("email").value, password: $("password").value };
}

async function run(output, action) {
  $("status").className = "";
  $("status").textContent = "working";
  try {
    output.textContent = await action();
    $("status").textContent = "done";
  } catch (error) {
    $("status").className = "error";
    $("status").textContent = `failed: ${error.message}`;
  }
}

$("register").addEventListener("click", () =>
  run($("who"), async () => {
    token = null;
    const { user } = await call("POST", "/users", {
      user: { username: $("username").value, ...credentials() },
    });
    return `registered ${user.username}`;
  }),
);

$("login").addEventListener("click", () =>
  run($("who"), async () => {
    token = null;
    const { user } = await call("POST", "/users/login", { user: credentials() });
    token = user.token;
    const current = await call("GET", "/user");
    return `logged in as ${current.user.username}`;
  }),
);

$("publish").addEventListener("click", () =>
  run($("published"), async () => {
    const tagList = $("tags").value.split(",").map((tag) => tag.trim()).filter(Boolean);
    const created = await call("POST", "/articles", {
      article: {
        title: $("title").value,
        description: $("description").value,
        body: $("body").value,
        tagList,
      },
    });
    const { article } = await call("GET", `/articles/${encodeURIComponent(created.article.slug)}`);
    $("article-title").textContent = article.title;
    $("article-author").textContent = article.author.username;
    $("article-tags").textContent = article.tagList.join(", ");
    $("article-body").textContent = article.body;
    $("article").hidden = false;
    return `published ${article.slug}`;
  }),
);
