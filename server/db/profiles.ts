import type { Executor, ProfileVisibility } from './schema.ts'

export async function setProfileVisibility(db: Executor, userId: number, visibility: ProfileVisibility) {
  await db.updateTable('user').set({ profile_visibility: visibility }).where('id', '=', userId).execute()
}
