use crate::helpers::*;
use millectl::api::{Me, PrincipalView, UserView};

#[tokio::test]
async fn a_demo_user_logs_in_and_helpdesk_sees_users() {
    on_every_db(async |server| {
        let ewa = server.login_user("12345678", "ewa").await;
        let me: Me = ewa.get("/v1/me").await.json();
        assert!(matches!(me.principal, PrincipalView::User { .. }));

        let helpdesk = server.login_operator().await;
        let jan: UserView = helpdesk
            .get("/v1/companies/12345678/users/jan")
            .await
            .json();
        assert_eq!(jan.status.as_str(), "blocked");
        assert_eq!(jan.phone.as_deref(), Some("+48******678"));
        let anna = server.login_user("12345678", "anna").await;
        anna.get("/v1/me").await.expect_ok();
    })
    .await;
}
