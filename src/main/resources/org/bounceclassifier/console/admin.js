// The admin token: the console is read-only until the user gives it, and asks for it when an
// action that changes state needs it. The service checks it; the console only carries it.
import { adminToken, ApiError, setAdminToken } from './api.js';
import { t } from './i18n.js';
import { replace } from './dom.js';
import { toast } from './toast.js';

const dialog = () => document.getElementById('admin-dialog');

export function initAdmin() {
  const form = document.getElementById('admin-form');
  const input = document.getElementById('admin-token');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) {
      setAdminToken(input.value.trim());
      input.value = '';
      dialog().close('save');
    }
  });
  document.getElementById('admin-cancel').addEventListener('click', () => dialog().close('cancel'));
  document.getElementById('admin-button').addEventListener('click', () => {
    if (adminToken()) {
      setAdminToken(null);
    } else {
      askForToken();
    }
  });
  document.addEventListener('adminchange', drawState);
  document.addEventListener('langchange', drawState);
  drawState();
}

function drawState() {
  const active = Boolean(adminToken());
  const state = document.getElementById('admin-state');
  replace(state, active ? t('admin.active') : t('admin.readOnly'));
  state.classList.toggle('is-admin', active);
  document.getElementById('admin-button').textContent = active ? t('admin.forget') : t('admin.enter');
  document.body.classList.toggle('read-only', !active);
}

/** Opens the token dialog; resolves true once a token is set, false if the user cancels. */
export function askForToken() {
  const d = dialog();
  return new Promise((resolve) => {
    d.addEventListener('close', () => resolve(Boolean(adminToken()) && d.returnValue === 'save'), { once: true });
    d.showModal();
    document.getElementById('admin-token').focus();
  });
}

/**
 * Runs an action that needs the admin token: asks for the token first when there is none, and
 * forgets a token the service refuses (401/403) so that the next try asks again.
 */
export async function withAdmin(action) {
  if (!adminToken() && !(await askForToken())) {
    return undefined;
  }
  try {
    return await action();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      if (e.code !== 'admin_disabled') {
        setAdminToken(null);
      }
      toast(t('admin.rejected', { message: e.message }), 'error');
      return undefined;
    }
    throw e;
  }
}
