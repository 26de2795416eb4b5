import request from 'supertest'
import type { Runtime } from '../../server/runtime.ts'
import type { Member } from './app.ts'

export const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!

/** A page agent: signs in through the login form and keeps cookies. */
export async function pageAgent(rt: Runtime, member: Member) {
  const agent = request.agent(rt.app)
  const login = await agent.get('/login')
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: tokenIn(login.text), handle: member.handle, password: member.password })
  if (res.status !== 303) throw new Error(`page login failed: ${res.status}`)
  return agent
}

/** Posts a form the way a browser does: the token from the page the form is on. */
export async function postForm(agent: request.Agent, page: string, action: string, fields: Record<string, string | string[]>) {
  const form = await agent.get(page)
  return agent
    .post(action)
    .type('form')
    .send({ _csrf: tokenIn(form.text), ...fields })
}
