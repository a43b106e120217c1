import { formBody, submitAction, submitForm } from '../web/forms.ts';
import { requireAdministrator, requireSignedIn } from '../web/guards.ts';
import { doneBanner, doneQuery, type DoneMessages, type TypedApp } from '../web/input.ts';
import { joinForm } from './unmentoring.forms.ts';
import { historyOf, joinUnmentoring, leaveUnmentoring, membershipOf, roundsBeforeMeetingAgain, skipNextRound, startRound, unmentoringFigures } from './unmentoring.ts';

const memberDone: DoneMessages = { joined: 'You are in UnMentoring', skipping: 'You will sit out the next round', back: 'You are back for the next round', left: 'You have left UnMentoring' };
const adminDone: DoneMessages = { started: 'Round started: everyone in it has been sent an introduction' };

/** /unmentoring for signed-in people; /admin/unmentoring for administrators, who start rounds. */
export async function unmentoringRoutes(app: TypedApp): Promise<void> {
  const { db, clock, config, mail } = app.campgrid;
  app.addHook('onRequest', requireSignedIn);

  const page = (personId: number) => ({
    title: 'UnMentoring',
    membership: membershipOf(db, personId) ?? null,
    history: historyOf(db, personId),
    window: roundsBeforeMeetingAgain,
  });

  app.get('/unmentoring', { schema: { querystring: doneQuery } }, async (request, reply) => {
    const data = page(request.person!.id);
    return reply.view('unmentoring/member.eta', { ...data, values: data.membership ?? {}, done: doneBanner(memberDone, request.query.done) });
  });

  app.post('/unmentoring', async (request, reply) =>
    submitForm(reply, {
      schema: joinForm,
      body: formBody(request.body),
      view: 'unmentoring/member.eta',
      viewData: page(request.person!.id),
      act: (details) => {
        joinUnmentoring(db, clock.now(), request.person!.id, details);
        return '/unmentoring?done=joined';
      },
    }),
  );

  for (const [path, skip] of [['skip', true], ['return', false]] as const) {
    app.post(`/unmentoring/${path}`, async (request, reply) =>
      submitAction(reply, {
        view: 'unmentoring/member.eta',
        viewData: { ...page(request.person!.id), values: {} },
        act: () => {
          skipNextRound(db, request.person!.id, skip);
          return `/unmentoring?done=${skip ? 'skipping' : 'back'}`;
        },
      }),
    );
  }

  app.post('/unmentoring/leave', async (request, reply) => {
    leaveUnmentoring(db, request.person!.id);
    return reply.redirect('/unmentoring?done=left', 303);
  });

  const adminPage = () => ({ title: 'UnMentoring rounds', ...unmentoringFigures(db), backLink: '/organise' });

  app.get('/admin/unmentoring', { preHandler: requireAdministrator, schema: { querystring: doneQuery } }, async (request, reply) =>
    reply.view('unmentoring/admin.eta', { ...adminPage(), done: doneBanner(adminDone, request.query.done) }),
  );

  app.post('/admin/unmentoring/rounds', { preHandler: requireAdministrator }, async (request, reply) => {
    const result = await submitAction(reply, {
      view: 'unmentoring/admin.eta',
      viewData: adminPage(),
      act: () => {
        startRound(db, clock.now(), { startedBy: request.person!.id, baseUrl: config.baseUrl });
        return '/admin/unmentoring?done=started';
      },
    });
    mail.kick();
    return result;
  });
}
