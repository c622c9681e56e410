// A small app for the HTTP front's own tests: echo routes, a route
// template, explicit statuses, an error path, a slow action, a route that
// two syncs answer, and one that nobody answers.

import { actions, type Sync } from "../engine/index.ts";
import { defineApp } from "../app/define-app.ts";
import { UsersConcept } from "../engine/engine-fixtures.ts";

export class SlowConcept {
  async wait({ ms }: { ms: number }): Promise<{ waited: number }> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { waited: ms };
  }
}

export const httpTestApp = defineApp({
  name: "http-test",
  concepts: () => ({ Users: new UsersConcept(), Slow: new SlowConcept() }),
  syncs: ({ Requesting, Users, Slow }) => {
    const Echo: Sync = ({ request, method, name, token }) => ({
      when: actions([Requesting.request, { path: "/echo", method, name, token }, { request }]),
      then: actions([Requesting.respond, { request, method, name, token }]),
    });
    const GetArticle: Sync = ({ request, slug, tag }) => ({
      when: actions([Requesting.request, { method: "GET", path: "/articles/:slug", slug, tag }, { request }]),
      then: actions([Requesting.respond, { request, slug, tag }]),
    });
    const Feed: Sync = ({ request }) => ({
      when: actions([Requesting.request, { method: "GET", path: "/articles/feed" }, { request }]),
      then: actions([Requesting.respond, { request, feed: true }]),
    });
    // Template style: no method, flat body, Requesting.respond.
    const Register: Sync = ({ name, password }) => ({
      when: actions([Requesting.request, { path: "/register", name, password }, {}]),
      then: actions([Users.register, { name, password }]),
    });
    const RegisterResponse: Sync = ({ request, user }) => ({
      when: actions([Requesting.request, { path: "/register" }, { request }], [Users.register, {}, { user }]),
      then: actions([Requesting.respondWith, { request, status: 201, body: { user } }]),
    });
    const RegisterError: Sync = ({ request, error }) => ({
      when: actions([Requesting.request, { path: "/register" }, { request }], [Users.register, {}, { error }]),
      then: actions([Requesting.respondWith, { request, status: 409, body: { errors: { body: [error] } } }]),
    });
    const Remove: Sync = ({ request }) => ({
      when: actions([Requesting.request, { method: "DELETE", path: "/thing" }, { request }]),
      then: actions([Requesting.respondWith, { request, status: 204 }]),
    });
    const Slowly: Sync = ({ request, ms }) => ({
      when: actions([Requesting.request, { path: "/slow", ms }, { request }]),
      then: actions([Slow.wait, { ms }]),
    });
    const SlowResponse: Sync = ({ request, waited }) => ({
      when: actions([Requesting.request, { path: "/slow" }, { request }], [Slow.wait, {}, { waited }]),
      then: actions([Requesting.respond, { request, waited }]),
    });
    const Unanswered: Sync = ({ request, name, user }) => ({
      when: actions([Requesting.request, { path: "/lookup", name }, { request }]),
      where: async (frames) => (await frames.query(Users._all, {}, { user, name })),
      then: actions([Requesting.respond, { request, user }]),
    });
    const TwiceA: Sync = ({ request }) => ({
      when: actions([Requesting.request, { path: "/twice" }, { request }]),
      then: actions([Requesting.respond, { request, by: "A" }]),
    });
    const TwiceB: Sync = ({ request }) => ({
      when: actions([Requesting.request, { path: "/twice" }, { request }]),
      then: actions([Requesting.respond, { request, by: "B" }]),
    });
    return { Echo, GetArticle, Feed, Register, RegisterResponse, RegisterError, Remove, Slowly, SlowResponse, Unanswered, TwiceA, TwiceB };
  },
});
